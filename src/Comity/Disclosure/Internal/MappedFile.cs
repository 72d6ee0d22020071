using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace Comity.Disclosure.Internal;

/// <summary>
/// A read-only view of part of a regular file through mmap, so that the cut reads the page cache
/// in place instead of having the kernel copy every byte into a buffer (a sixth of a cut's CPU
/// time). One view at a time, slid forward over the file (<see cref="View"/>): the pages behind
/// are unmapped, so memory stays bounded by the view, whatever the file's size. Each view is
/// followed by a zeroed page, so vector loads may run past the file's end. A file truncated by
/// another process while it is cut faults the cut (SIGBUS) before anything is published: it
/// fails closed, as a cut of a file changing underneath must.
/// </summary>
internal sealed unsafe class MappedFile : IDisposable
{
    private const int ProtRead = 1, MapPrivate = 2, MapFixed = 0x10, MapAnonymous = 0x20, MapPopulate = 0x8000;
    private const int MadvSequential = 2;
    private static readonly long PageSize = Environment.SystemPageSize;

    private readonly SafeFileHandle _file;
    private byte* _reservation;
    private nuint _reserved;
    private long _mapStart;
    private long _mapEnd;

    private MappedFile(SafeFileHandle file, long length)
    {
        _file = file;
        Length = length;
    }

    /// <summary>The file's length when opened.</summary>
    public long Length { get; }

    /// <summary>
    /// A view of <paramref name="input"/> when it is a regular file read from its start (the
    /// command line's --in); null for anything else (a pipe, standard input, a request body), which
    /// is read through a buffer instead.
    /// </summary>
    public static MappedFile? TryOpen(Stream input)
    {
        if (!OperatingSystem.IsLinux() || input is not FileStream { CanSeek: true } file || file.Position != 0)
            return null;
        try
        {
            // Empty or not sized (such as /proc files and devices): the buffered path handles it.
            return file.Length == 0 ? null : new MappedFile(file.SafeFileHandle, file.Length);
        }
        catch (IOException)
        {
            return null;
        }
    }

    /// <summary>
    /// The bytes [<paramref name="offset"/>, <paramref name="offset"/> + <paramref name="length"/>)
    /// of the file, mapped (with at least <paramref name="ahead"/> bytes more, up to the file's end,
    /// so that the next views need no new mapping) and readable for <see cref="InputWindow.Padding"/>
    /// bytes past the end. A new view invalidates the pointers of earlier ones unless it lies within
    /// the current mapping.
    /// </summary>
    public byte* View(long offset, long length, long ahead)
    {
        if (offset < _mapStart || offset + length > _mapEnd || _reservation == null)
            Map(offset, Math.Min(Length, offset + length + ahead));
        return _reservation + (offset - _mapStart);
    }

    private void Map(long from, long to)
    {
        Unmap();
        var start = from & ~(PageSize - 1);
        var fileBytes = (to - start + PageSize - 1) & ~(PageSize - 1);
        // An anonymous reservation one page longer than the file's part: what lies past the file's
        // pages reads as zeros instead of faulting.
        _reserved = (nuint)(fileBytes + PageSize);
        var reservation = mmap(null, _reserved, ProtRead, MapPrivate | MapAnonymous, -1, 0);
        if (reservation == (void*)-1)
            throw new IOException($"mmap: error {Marshal.GetLastPInvokeError()}");
        _reservation = (byte*)reservation;
        var fd = (int)_file.DangerousGetHandle();
        if (mmap(reservation, (nuint)fileBytes, ProtRead, MapPrivate | MapFixed | MapPopulate, fd, start) == (void*)-1)
            throw new IOException($"mmap: error {Marshal.GetLastPInvokeError()}");
        madvise(reservation, (nuint)fileBytes, MadvSequential);
        (_mapStart, _mapEnd) = (start, to);
    }

    private void Unmap()
    {
        if (_reservation != null)
            munmap(_reservation, _reserved);
        _reservation = null;
    }

    public void Dispose() => Unmap();

    [DllImport("libc", SetLastError = true)]
    private static extern void* mmap(void* addr, nuint length, int prot, int flags, int fd, long offset);

    [DllImport("libc")]
    private static extern int munmap(void* addr, nuint length);

    [DllImport("libc")]
    private static extern int madvise(void* addr, nuint length, int advice);
}

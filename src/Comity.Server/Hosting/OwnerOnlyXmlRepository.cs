using System.Xml.Linq;
using Comity.Ledger;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Microsoft.Extensions.Logging.Abstractions;

namespace Comity.Server.Hosting;

/// <summary>
/// The sign-in cookies' keys in <c>DATA/keys</c>, owner-only like everything in the data folder:
/// the framework's file repository writes with the process's default permissions, so the folder
/// is created 0700 and each key file is made 0600 as soon as it is written.
/// </summary>
internal sealed class OwnerOnlyXmlRepository : IXmlRepository
{
    private readonly string _folder;
    private readonly FileSystemXmlRepository _files;

    public OwnerOnlyXmlRepository(string folder)
    {
        _folder = folder;
        OwnerOnly.CreateFolder(folder);
        _files = new FileSystemXmlRepository(new DirectoryInfo(folder), NullLoggerFactory.Instance);
        Tighten();
    }

    public IReadOnlyCollection<XElement> GetAllElements() => _files.GetAllElements();

    public void StoreElement(XElement element, string friendlyName)
    {
        _files.StoreElement(element, friendlyName);
        Tighten();
    }

    private void Tighten() => OwnerOnly.Tighten(Directory.GetFiles(_folder));
}

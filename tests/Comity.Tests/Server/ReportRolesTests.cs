using Comity.Reports;
using Comity.Server.Auth;

namespace Comity.Tests.Server;

/// <summary>The server's role matrix and the command line's --by check read the one set of report roles the core holds (reports.md sections 7 and 9).</summary>
public sealed class ReportRolesTests
{
    [Fact]
    public void The_server_and_the_command_line_read_one_set_of_report_roles()
    {
        Assert.Same(ReportRoles.Read, Permissions.RolesFor(Permission.ReadReports));
        Assert.Same(ReportRoles.Publish, Permissions.RolesFor(Permission.PublishReports));
        Assert.Same(ReportRoles.AccessAudit, Permissions.RolesFor(Permission.AuditAccess));
    }
}

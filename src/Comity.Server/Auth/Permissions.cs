using Comity.Cases;

namespace Comity.Server.Auth;

/// <summary>What an endpoint or page requires; each permission is an authorization policy of the same name.</summary>
public enum Permission
{
    /// <summary>Decide a request and record the decision.</summary>
    Decide,
    /// <summary>Read cases, their history and the review queue.</summary>
    ReadCases,
    /// <summary>Send a case to counsel.</summary>
    Refer,
    /// <summary>Confirm or override a decision, with a written justification.</summary>
    Review,
    /// <summary>Record that an obligation (a TRUTH Act notice) was served.</summary>
    ServeObligation,
    /// <summary>Correct the request of a case (decided again, a new ledger entry).</summary>
    Correct,
    /// <summary>Void a case entered by mistake or twice.</summary>
    Void,
    /// <summary>Record what the unit did on a case (notified, transferred, interview held, ...).</summary>
    RecordAction,
    /// <summary>Attach the document received with a request (the I-247A, the warrant, the letter) to its case.</summary>
    AttachDocument,
    /// <summary>Take the case list as CSV with the person's identity (name, date of birth, booking and A-number) in it: personal data in bulk.</summary>
    ExportIdentity,
    /// <summary>Read the ledger's checkpoint and proofs, and verify cases against it.</summary>
    ReadLedger,
    /// <summary>Cut an export to what a disclosure decision releases, recorded in the ledger.</summary>
    Disclose,
    /// <summary>Read disclosure manifests and download the cut exports.</summary>
    ReadDisclosures,
    /// <summary>See who read a case (its access log).</summary>
    ReadAccessLog,
    /// <summary>See the access log per user: everything one person or system read.</summary>
    ReadAccessByUser,
    /// <summary>See users and their tokens.</summary>
    ReadUsers,
    /// <summary>Add users, reset passwords, change roles, issue and revoke tokens.</summary>
    ManageUsers,
    /// <summary>Record a request for public records about ICE access, and its determination.</summary>
    RecordRecordsRequest,
    /// <summary>Extend the time to answer a records request (written notice of the head of the agency or a designee).</summary>
    ExtendRecordsRequest,
    /// <summary>See webhook endpoints and their deliveries (never a secret).</summary>
    ReadWebhooks,
    /// <summary>Register and disable webhook endpoints.</summary>
    ManageWebhooks,
    /// <summary>See published reports (internal copies included), make drafts, and run the compliance report: counts and case ids, never a name.</summary>
    ReadReports,
    /// <summary>Publish a draft as a signed version of a report (reports.md section 9).</summary>
    PublishReports,
    /// <summary>The access audit: every staff read, search and export, per user (reports.md P8).</summary>
    AuditAccess,
}

/// <summary>
/// The role matrix: which roles hold each permission. Auditors hold every read permission but the
/// person's identity in bulk, and no other; admins manage users and nothing else (they read no case). A person may hold several roles.
/// </summary>
public static class Permissions
{
    private static readonly Dictionary<Permission, Role[]> Matrix = new()
    {
        [Permission.Decide] = [Role.Intake, Role.Supervisor],
        [Permission.ReadCases] = [Role.Intake, Role.Supervisor, Role.Counsel, Role.Auditor],
        [Permission.Refer] = [Role.Intake, Role.Supervisor],
        [Permission.Review] = [Role.Counsel],
        [Permission.ServeObligation] = [Role.Intake, Role.Supervisor],
        [Permission.Correct] = [Role.Intake, Role.Supervisor],
        // Voiding takes a case out of every count: a supervisor's call, not the clerk's who entered it.
        [Permission.Void] = [Role.Supervisor],
        [Permission.RecordAction] = [Role.Intake, Role.Supervisor],
        [Permission.AttachDocument] = [Role.Intake, Role.Supervisor],
        // Personal data in bulk only for the staff who work the cases; an auditor's export counts and checks without names.
        [Permission.ExportIdentity] = [Role.Intake, Role.Supervisor],
        [Permission.ReadLedger] = [Role.Intake, Role.Supervisor, Role.Counsel, Role.Auditor],
        [Permission.Disclose] = [Role.Intake, Role.Supervisor],
        [Permission.ReadDisclosures] = [Role.Intake, Role.Supervisor, Role.Counsel, Role.Auditor],
        // Who read a case: the auditor, and the supervisor who answers for the unit's staff.
        [Permission.ReadAccessLog] = [Role.Supervisor, Role.Auditor],
        // Everything one person read: the auditor's check on staff searches (State Auditor 2019-118).
        [Permission.ReadAccessByUser] = [Role.Auditor],
        [Permission.ReadUsers] = [Role.Admin, Role.Auditor],
        [Permission.ManageUsers] = [Role.Admin],
        [Permission.RecordRecordsRequest] = [Role.Intake, Role.Supervisor],
        // Gov. Code 7922.535(b): an extension is written notice from the head of the agency or a designee, not the desk clerk's.
        [Permission.ExtendRecordsRequest] = [Role.Supervisor],
        [Permission.ReadWebhooks] = [Role.Admin, Role.Auditor],
        // Which systems hear of cases, and whether they hear who the person is: the administrator's call.
        [Permission.ManageWebhooks] = [Role.Admin],
        // The reports' roles live in the core (ReportRoles), where the command line's --by check reads them too.
        [Permission.ReadReports] = Comity.Reports.ReportRoles.Read,
        [Permission.PublishReports] = Comity.Reports.ReportRoles.Publish,
        [Permission.AuditAccess] = Comity.Reports.ReportRoles.AccessAudit,
    };

    public static IReadOnlyList<Role> RolesFor(Permission p) => Matrix[p];

    public static string Policy(Permission p) => p.ToString();

    public static bool Has(IEnumerable<Role> roles, Permission p) => roles.Any(Matrix[p].Contains);
}

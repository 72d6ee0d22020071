using System.ComponentModel;
using System.Reflection;
using Xunit.Abstractions;
using Xunit.Sdk;

[assembly: TestFramework("Comity.Tests.Support.PostgresTestFramework", "Comity.Tests")]

namespace Comity.Tests.Support;

/// <summary>
/// xunit as it is, except for the provider suite's classes on PostgreSQL (<c>...OnPostgres</c>):
/// where <see cref="PostgresDatabase.Variable"/> is not set they are reported skipped, saying how to
/// run them, instead of failing in their fixtures; where CI is set they always run, so a missing
/// PostgreSQL fails there (Npgsql's build-server rule, architecture.md). xunit 2 decides skips at
/// discovery only, and the tests of these classes are inherited from the SQLite suite, so the
/// decision is made here, by the class's name, rather than on each test's attribute.
/// </summary>
public sealed class PostgresTestFramework(IMessageSink messageSink) : XunitTestFramework(messageSink)
{
    public const string ClassSuffix = "OnPostgres";

    public static string SkipReason =>
        $"{PostgresDatabase.Variable} is not set: run eval \"$(tools/postgres-for-tests)\" to run the tests on PostgreSQL; CI runs them";

    /// <summary>Whether the tests of <paramref name="className"/> are skipped here.</summary>
    public static bool Skips(string className) =>
        className.EndsWith(ClassSuffix, StringComparison.Ordinal)
        && string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable(PostgresDatabase.Variable))
        && string.IsNullOrEmpty(Environment.GetEnvironmentVariable("CI"));

    protected override ITestFrameworkDiscoverer CreateDiscoverer(IAssemblyInfo assemblyInfo) =>
        new Discoverer(assemblyInfo, SourceInformationProvider, DiagnosticMessageSink);

    /// <summary>The runner discovers again when it runs (dotnet test): through the executor's discoverer, so that one is ours too.</summary>
    protected override ITestFrameworkExecutor CreateExecutor(AssemblyName assemblyName) =>
        new Executor(assemblyName, SourceInformationProvider, DiagnosticMessageSink);

    private sealed class Executor(AssemblyName assemblyName, ISourceInformationProvider sourceProvider, IMessageSink diagnosticMessageSink)
        : XunitTestFrameworkExecutor(assemblyName, sourceProvider, diagnosticMessageSink)
    {
        protected override ITestFrameworkDiscoverer CreateDiscoverer() => new Discoverer(AssemblyInfo, SourceInformationProvider, DiagnosticMessageSink);
    }

    private sealed class Discoverer(IAssemblyInfo assemblyInfo, ISourceInformationProvider sourceProvider, IMessageSink diagnosticMessageSink)
        : XunitTestFrameworkDiscoverer(assemblyInfo, sourceProvider, diagnosticMessageSink)
    {
        protected override bool FindTestsForMethod(ITestMethod testMethod, bool includeSourceInformation, IMessageBus messageBus, ITestFrameworkDiscoveryOptions discoveryOptions)
        {
            if (!Skips(testMethod.TestClass.Class.Name) || !testMethod.Method.GetCustomAttributes(typeof(FactAttribute)).Any())
                return base.FindTestsForMethod(testMethod, includeSourceInformation, messageBus, discoveryOptions);
            // One skipped case per test method (a theory's rows are not expanded: nothing of them runs).
            var skipped = new SkippedTestCase(DiagnosticMessageSink, discoveryOptions.MethodDisplayOrDefault(), discoveryOptions.MethodDisplayOptionsOrDefault(), testMethod);
            return ReportDiscoveredTestCase(skipped, includeSourceInformation, messageBus);
        }
    }

    /// <summary>A test of a class on PostgreSQL, skipped for want of one.</summary>
    public sealed class SkippedTestCase : XunitTestCase
    {
        [EditorBrowsable(EditorBrowsableState.Never)]
        [Obsolete("Called by the de-serializer; should only be called by deriving classes for de-serialization purposes")]
        public SkippedTestCase()
        {
        }

        public SkippedTestCase(IMessageSink diagnosticMessageSink, TestMethodDisplay defaultMethodDisplay, TestMethodDisplayOptions defaultMethodDisplayOptions, ITestMethod testMethod)
            : base(diagnosticMessageSink, defaultMethodDisplay, defaultMethodDisplayOptions, testMethod)
        {
        }

        protected override void Initialize()
        {
            base.Initialize();
            SkipReason = PostgresTestFramework.SkipReason;
        }
    }
}

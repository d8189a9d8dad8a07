using System.Reflection;
using Xunit;
using Xunit.Abstractions;
using Xunit.Sdk;

namespace Ordinavo.Webhooks.TestSupport;

/// <summary>
/// A test assembly opts in with <c>[assembly: TestFramework("Ordinavo.Webhooks.TestSupport.PostgresTestFramework", "Ordinavo.Webhooks.TestSupport")]</c>.
/// xunit's framework, except that when <see cref="PostgresEnvironment.SkipReason"/> says so, the tests of classes marked
/// <see cref="RequiresPostgresAttribute"/> are not run and the assembly reports them as one skipped entry whose name says
/// why and how to run them (the console shows names, not skip reasons), instead of one skip line per test. On CI
/// nothing is skipped.
/// </summary>
public sealed class PostgresTestFramework(IMessageSink messageSink) : XunitTestFramework(messageSink)
{
    /// <inheritdoc />
    protected override ITestFrameworkDiscoverer CreateDiscoverer(IAssemblyInfo assemblyInfo) =>
        new Discoverer(assemblyInfo, SourceInformationProvider, DiagnosticMessageSink);

    /// <inheritdoc />
    protected override ITestFrameworkExecutor CreateExecutor(AssemblyName assemblyName) =>
        new Executor(assemblyName, SourceInformationProvider, DiagnosticMessageSink);

    private sealed class Executor(AssemblyName assemblyName, ISourceInformationProvider sourceInformationProvider, IMessageSink diagnosticMessageSink)
        : XunitTestFrameworkExecutor(assemblyName, sourceInformationProvider, diagnosticMessageSink)
    {
        protected override ITestFrameworkDiscoverer CreateDiscoverer() =>
            new Discoverer(AssemblyInfo, SourceInformationProvider, DiagnosticMessageSink);
    }

    private sealed class Discoverer(IAssemblyInfo assemblyInfo, ISourceInformationProvider sourceProvider, IMessageSink diagnosticMessageSink)
        : XunitTestFrameworkDiscoverer(assemblyInfo, sourceProvider, diagnosticMessageSink)
    {
        private int _reported;

        protected override bool FindTestsForMethod(ITestMethod testMethod, bool includeSourceInformation, IMessageBus messageBus, ITestFrameworkDiscoveryOptions discoveryOptions)
        {
            if (PostgresEnvironment.SkipReason is null || !RequiresPostgres(testMethod.TestClass.Class))
            {
                return base.FindTestsForMethod(testMethod, includeSourceInformation, messageBus, discoveryOptions);
            }

            var fact = testMethod.Method.GetCustomAttributes(typeof(FactAttribute)).FirstOrDefault();
            if (fact is null || Interlocked.Exchange(ref _reported, 1) == 1)
            {
                return true;   // not discovered: the assembly's one summary entry stands for it
            }

            var testCase = new SkippedPostgresTestCase(DiagnosticMessageSink, discoveryOptions.MethodDisplayOrDefault(),
                discoveryOptions.MethodDisplayOptionsOrDefault(), testMethod);
            return ReportDiscoveredTestCase(testCase, includeSourceInformation, messageBus);
        }

        private static bool RequiresPostgres(ITypeInfo type) =>
            type is IReflectionTypeInfo reflection
                ? reflection.Type.IsDefined(typeof(RequiresPostgresAttribute), inherit: true)
                : type.GetCustomAttributes(typeof(RequiresPostgresAttribute)).Any();
    }
}

/// <summary>A test case reported as skipped because there is no PostgreSQL server (see <see cref="PostgresEnvironment"/>).</summary>
public sealed class SkippedPostgresTestCase : XunitTestCase
{
    /// <summary>For the deserializer.</summary>
    [Obsolete("Called by the de-serializer; should only be called by deriving classes for de-serialization purposes")]
    public SkippedPostgresTestCase()
    {
    }

    /// <summary>Creates the test case.</summary>
    public SkippedPostgresTestCase(IMessageSink diagnosticMessageSink, TestMethodDisplay defaultMethodDisplay, TestMethodDisplayOptions defaultMethodDisplayOptions, ITestMethod testMethod)
        : base(diagnosticMessageSink, defaultMethodDisplay, defaultMethodDisplayOptions, testMethod)
    {
    }

    /// <inheritdoc />
    protected override string GetSkipReason(IAttributeInfo factAttribute) =>
        PostgresEnvironment.SkipReason ?? base.GetSkipReason(factAttribute);

    /// <summary>The one line the console shows (it shows no skip reasons): why the tests did not run and how to run them.</summary>
    protected override string GetDisplayName(IAttributeInfo factAttribute, string displayName) =>
        PostgresEnvironment.SkipReason is null ? base.GetDisplayName(factAttribute, displayName) : PostgresEnvironment.SkipReason;
}

// The five-minute tour: a receiver and a publisher with its SQLite outbox, one field-service day, real HTTP on
// loopback, and the failure cases that matter. Exit code 0 only when every check held.
//   dotnet run --project samples/Ordinavo.Webhooks.Samples.Demo            (add -- --keep to keep the outbox file)
//   dotnet run --project samples/Ordinavo.Webhooks.Samples.Demo -- --dashboard
//       after the day, stays up until Ctrl+C and prints a sign-in link to the delivery dashboard
using Ordinavo.Webhooks.Samples.Demo;

return await DemoRun.RunAsync(
    keepOutbox: args.Contains("--keep", StringComparer.Ordinal),
    keepRunningWithDashboard: args.Contains("--dashboard", StringComparer.Ordinal));

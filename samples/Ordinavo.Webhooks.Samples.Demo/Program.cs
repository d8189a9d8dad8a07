// The five-minute tour: a receiver and a publisher with its SQLite outbox, one field-service day, real HTTP on
// loopback, and the failure cases that matter. Exit code 0 only when every check held.
//   dotnet run --project samples/Ordinavo.Webhooks.Samples.Demo            (add -- --keep to keep the outbox file)
using Ordinavo.Webhooks.Samples.Demo;

return await DemoRun.RunAsync(keepOutbox: args.Contains("--keep", StringComparer.Ordinal));

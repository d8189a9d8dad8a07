using Ordinavo.Webhooks.Cli;

return await CliApplication.RunAsync(args, CliEnvironment.FromProcess()).ConfigureAwait(false);

global using Microsoft.Extensions.DependencyInjection;
global using Ordinavo.Webhooks.Contracts.Serialization;

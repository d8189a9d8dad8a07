global using Ordinavo.Webhooks.Receiving.EntityFrameworkCore.Tests.Infrastructure;

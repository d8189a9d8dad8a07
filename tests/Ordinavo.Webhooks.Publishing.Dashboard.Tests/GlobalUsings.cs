global using System.Net;
global using AngleSharp.Dom;
global using Microsoft.Extensions.DependencyInjection;
global using Ordinavo.Webhooks.Publishing.Dashboard.Tests.Support;

global using RagPlatform.Web.Tests.Api;

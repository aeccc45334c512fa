namespace DualStackAnalyzers.Tests.Infrastructure
{
    /// <summary>Usings that test sources share, so that each case shows only what it is about.</summary>
    public static class Sources
    {
        public const string Usings = """
            using System;
            using System.Net;
            using System.Net.Sockets;
            using System.Threading.Tasks;

            """;

        public const string KestrelUsings = """
            using System;
            using System.Net;
            using Microsoft.AspNetCore.Builder;
            using Microsoft.AspNetCore.Hosting;
            using Microsoft.AspNetCore.Server.Kestrel.Core;

            """;
    }
}

namespace DualStackAnalyzers
{
    /// <summary>Every rule ID, in one place. IDs are public API: never renumber or reuse one.</summary>
    public static class RuleIds
    {
        public const string ListenerBindsIPv4WildcardOnly = "DS0001";
        public const string UrlBindsIPv4WildcardOnly = "DS0002";
        public const string LoopbackListenerIsIPv4Only = "DS0004";
        public const string HttpListenerCannotListenDualStackOnLinux = "DS0005";
        public const string DualStackListenerHasNoIPv4Fallback = "DS0006";
        public const string IPv6ListenerIsIPv6Only = "DS0003";
        public const string SocketCreatedIPv4Only = "DS0010";
        public const string AddressSelectionDropsIPv6 = "DS0011";
        public const string IPv4OnlyAddressRepresentation = "DS0012";
        public const string IPv4OnlyBroadcastMulticastOrOption = "DS0013";
        public const string IPv6DisabledForProcess = "DS0014";
        public const string ValidationRejectsIPv6 = "DS0015";
        public const string ConfigurationBindsIPv4WildcardOnly = "DS0050";
        public const string ConfigurationHardCodedIPv4Address = "DS0051";
        public const string HardCodedIPv4Address = "DS0020";
        public const string HardCodedIPv4Loopback = "DS0021";
        public const string InvalidOption = "DS0099";
        public const string HostPortTextBreaksOnIPv6 = "DS0030";
        public const string EndpointTextSplitOnColon = "DS0031";
        public const string PeerAddressComparedAsIPv4 = "DS0040";
        public const string ForwardedHeadersProxiesIPv4Only = "DS0041";
    }

    /// <summary>Diagnostic categories (one per area of rules.md).</summary>
    internal static class RuleCategories
    {
        public const string Listening = "DualStack.Listening";
        public const string AddressFamily = "DualStack.AddressFamily";
        public const string Addresses = "DualStack.Addresses";
        public const string EndpointText = "DualStack.EndpointText";
        public const string Peers = "DualStack.Peers";
        public const string Configuration = "DualStack.Configuration";
    }
}

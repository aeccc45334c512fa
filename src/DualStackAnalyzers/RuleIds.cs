namespace DualStackAnalyzers
{
    /// <summary>Every rule ID, in one place. IDs are public API: never renumber or reuse one.</summary>
    public static class RuleIds
    {
        public const string ListenerBindsIPv4WildcardOnly = "DS0001";
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

namespace GradCheck
{
    /// <summary>What a check compared.</summary>
    public enum CheckMode
    {
        /// <summary>Every entry, or a stratified sample of them.</summary>
        Entries,

        /// <summary>Random directional derivatives.</summary>
        Directional,

        /// <summary>The order of the first-order Taylor remainder.</summary>
        Taylor,
    }
}

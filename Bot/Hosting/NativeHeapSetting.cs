namespace TeamsMeetBot.Hosting;

/// <summary>What <see cref="NativeHeap.ReturnLargeBlocksWhenFreed"/> did.</summary>
internal enum NativeHeapSetting
{
    /// <summary>glibc maps blocks of 64 KB and more on their own.</summary>
    Applied,

    /// <summary>The environment sets glibc's threshold; it was left as it is.</summary>
    SetByEnvironment,

    /// <summary>The C library has no such setting (not glibc).</summary>
    Ignored,

    /// <summary>Not Linux: the setting is glibc's.</summary>
    NotLinux,
}

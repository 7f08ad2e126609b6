using System.Runtime.InteropServices;

namespace TeamsMeetBot.Hosting;

/// <summary>
/// Makes the C library's <c>malloc</c> give a block of <see cref="LargeBlockBytes"/> or more that does not fit in the free
/// memory it already holds a mapping of its own, returned to the system as soon as the block is freed, instead of growing
/// an arena for it.
/// </summary>
/// <remarks>
/// The runtime's JIT compiles hot methods again, optimized, on a background thread, with working memory it mallocs in
/// 64 KB slabs and frees after each method. glibc serves blocks under its mmap threshold (128 KB, and it raises the
/// threshold on its own after freeing larger blocks) from a per-thread arena, and an arena gives memory back only from
/// its top: on the 2-core bench machine the JIT thread's arena held 17 MB, 11 MB of it free in some 2,000 pieces
/// between blocks still in use, all of it counted in the bot's resident memory. With the threshold at 64 KB, a slab
/// that does not fit in an arena's free memory is mapped and unmapped whole and the arena does not grow. The help load
/// peaked at 143 MB with the threshold set in the environment, against 148-152 MB without it, at the same CPU per
/// request (the bare ASP.NET Core endpoint, which JITs too, at 88 MB against 94-98 MB); with the bot setting it here,
/// 147-150 MB (bench/RESULTS.md, runs BF-BH). Smaller blocks are unaffected. Setting the threshold also stops glibc
/// from raising it (and its trim threshold) on its own. A threshold given in the environment
/// (<c>MALLOC_MMAP_THRESHOLD_</c>, or <c>glibc.malloc.mmap_threshold</c> in <c>GLIBC_TUNABLES</c>) is left as it is.
/// </remarks>
internal static class NativeHeap
{
    /// <summary>Blocks of this size and more that malloc's free memory cannot hold are mapped on their own (a JIT slab is 64 KB and a header).</summary>
    public const int LargeBlockBytes = 64 * 1024;

    private const int MmapThreshold = -3; // M_MMAP_THRESHOLD in glibc's malloc.h

    /// <summary>What the last <see cref="ReturnLargeBlocksWhenFreed"/> did, for the start-up log (null before any call).</summary>
    public static NativeHeapSetting? Setting { get; private set; }

    /// <summary>Sets the threshold; call first thing in the process. Safe on any platform.</summary>
    public static NativeHeapSetting ReturnLargeBlocksWhenFreed()
    {
        Setting = Decide();
        return Setting.Value;
    }

    private static NativeHeapSetting Decide()
    {
        if (!OperatingSystem.IsLinux())
        {
            return NativeHeapSetting.NotLinux;
        }

        if (!string.IsNullOrEmpty(Environment.GetEnvironmentVariable("MALLOC_MMAP_THRESHOLD_"))
            || (Environment.GetEnvironmentVariable("GLIBC_TUNABLES") ?? "").Contains("glibc.malloc.mmap_threshold", StringComparison.Ordinal))
        {
            return NativeHeapSetting.SetByEnvironment;
        }

        try
        {
            // glibc returns 1; musl accepts the call and ignores it (returns 0).
            return NativeMethods.mallopt(MmapThreshold, LargeBlockBytes) == 1 ? NativeHeapSetting.Applied : NativeHeapSetting.Ignored;
        }
        catch (Exception ex) when (ex is DllNotFoundException or EntryPointNotFoundException)
        {
            return NativeHeapSetting.Ignored;
        }
    }

    private static class NativeMethods
    {
        [DllImport("libc", EntryPoint = "mallopt")]
        [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
        public static extern int mallopt(int parameter, int value);
    }
}

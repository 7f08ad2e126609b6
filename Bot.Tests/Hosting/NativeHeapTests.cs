using System.Runtime.InteropServices;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using TeamsMeetBot.Hosting;
using TeamsMeetBot.Tests.Authentication;
using TeamsMeetBot.Tests.Support;

namespace TeamsMeetBot.Tests.Hosting;

/// <summary>
/// The bot asks glibc to map blocks of 64 KB and more on their own, so that the JIT's freed working memory leaves the
/// process instead of staying resident in a malloc arena (bench/RESULTS.md). The tests run where the bot runs, Linux
/// with glibc; they read the header glibc keeps before each block.
/// </summary>
public class NativeHeapTests
{
    private const int BlockBytes = NativeHeap.LargeBlockBytes + 64; // a JIT slab: 64 KB and a header

    [Fact]
    public void After_the_setting_large_blocks_past_the_free_memory_get_mappings_of_their_own()
    {
        Assert.True(OperatingSystem.IsLinux(), "the bot's hosts and CI are Linux");
        Assert.Null(Environment.GetEnvironmentVariable("MALLOC_MMAP_THRESHOLD_"));

        Assert.Equal(NativeHeapSetting.Applied, NativeHeap.ReturnLargeBlocksWhenFreed());
        Assert.Equal(NativeHeapSetting.Applied, NativeHeap.Setting);

        // 16 MB in JIT-sized blocks: past what the arenas hold free, each further block gets a mapping of its own, which
        // free() unmaps (glibc marks such a chunk in its header: IS_MMAPPED). Without the setting the arena grows instead.
        var blocks = Enumerable.Range(0, 256).Select(_ => Marshal.AllocHGlobal(BlockBytes)).ToList(); // malloc
        try
        {
            int mapped = blocks.Count(IsMappedOnItsOwn);
            Assert.True(mapped >= blocks.Count / 2, $"{mapped} of {blocks.Count} blocks of 64 KB were mapped on their own; the others grew an arena, whose memory stays after free()");
        }
        finally
        {
            blocks.ForEach(Marshal.FreeHGlobal);
        }
    }

    [Fact]
    public void Small_blocks_still_come_from_the_arenas()
    {
        NativeHeap.ReturnLargeBlocksWhenFreed();
        IntPtr block = Marshal.AllocHGlobal(4096);
        try
        {
            Assert.False(IsMappedOnItsOwn(block));
        }
        finally
        {
            Marshal.FreeHGlobal(block);
        }
    }

    [Fact]
    public async Task The_bot_says_at_start_what_was_done()
    {
        NativeHeap.ReturnLargeBlocksWhenFreed();
        var logs = new RecordingLoggerProvider();
        await using var bot = new BotHost(
            new Dictionary<string, string?> { ["Logging:LogLevel:TeamsMeetBot.Startup"] = "Information" },
            services: services => services.AddSingleton<ILoggerProvider>(logs));
        _ = bot.Service<BotRuntime>();

        var logged = Assert.Single(logs.Entries, e => e.EventId.Id == 4);
        Assert.Equal("TeamsMeetBot.Startup", logged.Category);
        Assert.Equal("Native heap: glibc maps blocks of 65536 bytes and more on their own and returns them to the system when they are freed.", logged.Message);
    }

    [Fact]
    public void A_threshold_left_to_the_environment_is_said_so()
    {
        var logs = new RecordingLoggerProvider();
        var logger = logs.CreateLogger("TeamsMeetBot.Startup");
        StartupLog.NativeHeapUnchanged(logger, NativeHeapSetting.SetByEnvironment);

        Assert.Equal("Native heap: left as it is (SetByEnvironment); freed JIT working memory may stay resident in malloc's arenas.", Assert.Single(logs.Entries).Message);
    }

    /// <summary>glibc's chunk header, the 8 bytes before the block: its size, with bit 1 set for a chunk mapped on its own.</summary>
    private static bool IsMappedOnItsOwn(IntPtr block) => (Marshal.ReadInt64(block, -8) & 2) != 0;
}

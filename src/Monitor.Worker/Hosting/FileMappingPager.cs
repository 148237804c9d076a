using System.Globalization;
using System.Runtime.InteropServices;

namespace Monitor.Worker.Hosting;

/// <summary>
/// Asks Linux to page out the process's read-only file mappings (the runtime, the assemblies, the native libraries:
/// `madvise(MADV_PAGEOUT)`). Their pages are clean copies of files, so dropping them loses nothing: the code a later
/// poll needs is read back from the page cache or the disk when it runs (a page fault each). Most of what start-up
/// touched (configuration binding, migrations, DI, seeding) is never needed again, and without this it stays counted
/// in the resident set until the machine runs short of memory. The kernel skips pages other processes also map
/// (another .NET process's copy of the runtime), so only this process's own pages go. Linux 5.4 and later; elsewhere
/// nothing is done.
/// </summary>
internal static class FileMappingPager
{
    private const int MadvPageout = 21;
    private static bool s_unavailable = !OperatingSystem.IsLinux();

    /// <summary>Bytes of mappings advised (their size, not what the kernel actually reclaimed), 0 when unavailable.</summary>
    public static long PageOut()
    {
        if (s_unavailable) return 0;
        long advised = 0;
        try
        {
            foreach (var line in File.ReadLines("/proc/self/maps"))
            {
                if (!TryParseReadOnlyFileMapping(line, out var start, out var length)) continue;
                if (Madvise((nint)start, (nuint)length, MadvPageout) == 0) advised += length;
                else if (Marshal.GetLastPInvokeError() == 22) // EINVAL: a kernel without MADV_PAGEOUT
                {
                    s_unavailable = true;
                    return advised;
                }
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or DllNotFoundException or EntryPointNotFoundException)
        {
            s_unavailable = true;
        }
        return advised;
    }

    /// <summary>"start-end perms offset dev inode /path": a mapping of a file, not writable (so its pages are the
    /// file's), not the runtime's double-mapped executable memory (a memfd: its pages are the only copy).</summary>
    internal static bool TryParseReadOnlyFileMapping(string line, out long start, out long length)
    {
        start = length = 0;
        var parts = line.Split(' ', 6, StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length < 6 || parts[1].Length < 2 || parts[1][1] == 'w') return false;
        var path = parts[5].Trim();
        if (!path.StartsWith('/') || path.StartsWith("/memfd:", StringComparison.Ordinal) || path.EndsWith("(deleted)", StringComparison.Ordinal)) return false;
        var dash = parts[0].IndexOf('-');
        if (dash <= 0
            || !long.TryParse(parts[0].AsSpan(0, dash), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out start)
            || !long.TryParse(parts[0].AsSpan(dash + 1), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var end)
            || end <= start) return false;
        length = end - start;
        return true;
    }

    [DllImport("libc", EntryPoint = "madvise", SetLastError = true)]
    private static extern int Madvise(nint address, nuint length, int advice);
}

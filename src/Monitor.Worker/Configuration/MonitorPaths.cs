namespace Monitor.Worker.Configuration;

/// <summary>Where things are on disk, resolved once at start: relative paths in the file are relative to the file's folder.</summary>
public sealed record MonitorPaths(string ConfigFile, string DataFolder)
{
    /// <summary>An absolute path stays; a relative one is taken under the data folder.</summary>
    public string UnderData(string path) => Path.IsPathRooted(path) ? path : Path.GetFullPath(Path.Combine(DataFolder, path));
}

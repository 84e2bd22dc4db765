// The storage tests drive real Unix tools (initdb, pg_ctl, runuser, chattr) and file modes: Linux only.
[assembly: System.Runtime.Versioning.SupportedOSPlatform("linux")]

using System.Globalization;
using Akka.Configuration;
using Akka.Persistence.Sql;

namespace RingKernel.Cluster;

/// <summary>
/// The Akka.NET configuration of a node of the cluster engine: cluster provider on Akka.Remote's TCP
/// transport (bound to <c>hostname:port</c>; port 0 takes a free one), the MessagePack serializer of
/// the engine's messages, the split-brain resolver (keep-oldest, so the node that drives a run, the
/// oldest, stays), sharding over distributed data with no idle passivation, and the SQL snapshot store
/// that keeps tile checkpoints (Akka.Persistence.Sql: SQLite on one machine, a shared server across machines).
/// </summary>
public static class ClusterStencilConfig
{
    /// <summary>The actor system name every node uses: addresses are <c>akka.tcp://ringkernel@host:port</c>.</summary>
    public const string SystemName = "ringkernel";

    /// <summary>The provider name of a SQLite checkpoint database (Microsoft.Data.Sqlite), for <see cref="Create"/>.</summary>
    public const string SqliteProvider = "SQLite.MS";

    /// <summary>A connection string for a SQLite checkpoint database in <paramref name="path"/> (created if missing).</summary>
    public static string SqliteFile(string path) => $"Data Source={Path.GetFullPath(path)};Pooling=False";

    /// <param name="hostname">The address the node binds to and is reached at (127.0.0.1 for nodes on one machine).</param>
    /// <param name="port">The TCP port; 0 for a free one.</param>
    /// <param name="checkpointConnectionString">The checkpoint database every node of the cluster shares (<see cref="SqliteFile"/> on one machine).</param>
    /// <param name="checkpointProvider">Its linq2db provider name: <see cref="SqliteProvider"/>, or for example <c>PostgreSQL.15</c> or <c>SqlServer.2019</c>.</param>
    /// <param name="timings">Failure detection and rebalancing; <see cref="ClusterTimings.Default"/> unless given.</param>
    /// <param name="logLevel">Akka's log level (WARNING unless given).</param>
    public static Config Create(string hostname, int port, string checkpointConnectionString, string checkpointProvider = SqliteProvider, ClusterTimings? timings = null, string logLevel = "WARNING")
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(hostname);
        ArgumentOutOfRangeException.ThrowIfNegative(port);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(port, 65535);
        ArgumentException.ThrowIfNullOrWhiteSpace(checkpointConnectionString);
        timings ??= ClusterTimings.Default;
        string serializer = typeof(ClusterStencilSerializer).AssemblyQualifiedNameWithoutVersion();
        string messages = typeof(Protocol.IClusterStencilMessage).AssemblyQualifiedNameWithoutVersion();
        return ConfigurationFactory.ParseString(string.Create(CultureInfo.InvariantCulture, $$"""
            akka {
              loglevel = {{logLevel}}
              actor {
                provider = cluster
                serializers.ringkernel-cluster = "{{serializer}}"
                serialization-bindings { "{{messages}}" = ringkernel-cluster }
              }
              remote.dot-netty.tcp {
                hostname = "{{hostname}}"
                port = {{port}}
                # A tile's state travels in one message when a run gathers or checkpoints it.
                maximum-frame-size = 64MiB
                send-buffer-size = 64MiB
                receive-buffer-size = 64MiB
                # A halo exchange waits on its chunks: each goes out at once, not after a batching flush interval.
                batching.enabled = false
              }
              cluster {
                downing-provider-class = "Akka.Cluster.SBR.SplitBrainResolverProvider, Akka.Cluster"
                split-brain-resolver {
                  active-strategy = keep-oldest
                  stable-after = {{Ms(timings.DownUnreachableAfter)}}
                  keep-oldest.down-if-alone = off
                }
                failure-detector {
                  heartbeat-interval = {{Ms(timings.HeartbeatInterval)}}
                  acceptable-heartbeat-pause = {{Ms(timings.AcceptableHeartbeatPause)}}
                }
                sharding {
                  state-store-mode = ddata
                  remember-entities = off
                  # A tile runs as long as its run: it is never passivated for being quiet.
                  passivate-idle-entity-after = off
                  rebalance-interval = {{Ms(timings.RebalanceInterval)}}
                  handoff-timeout = 30s
                }
              }
              persistence.snapshot-store {
                plugin = "akka.persistence.snapshot-store.sql"
                sql {
                  connection-string = "{{checkpointConnectionString}}"
                  provider-name = "{{checkpointProvider}}"
                  auto-initialize = on
                }
              }
            }
            """)).WithFallback(SqlPersistence.DefaultConfiguration);
    }

    private static string Ms(TimeSpan span) => string.Create(CultureInfo.InvariantCulture, $"{(long)span.TotalMilliseconds}ms");

    private static string AssemblyQualifiedNameWithoutVersion(this Type type) => $"{type.FullName}, {type.Assembly.GetName().Name}";
}

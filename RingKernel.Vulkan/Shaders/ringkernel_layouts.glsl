// Generated from RingKernel.Core/Layouts by RingKernel.Layouts.DeviceLayoutGenerator; do not edit.
// Regenerate: RINGKERNEL_UPDATE_LAYOUTS=1 dotnet test RingKernel.sln -c Release --filter FullyQualifiedName~RingKernel.Tests.Layouts.CommittedLayoutHeaderTests
// Each struct is byte for byte the C# struct of the same name; padding members are explicit.
// Include right after #version (with GL_GOOGLE_include_directive); declare buffers with layout(std430).
#ifndef RINGKERNEL_LAYOUTS_GLSL
#define RINGKERNEL_LAYOUTS_GLSL
#extension GL_EXT_shader_explicit_arithmetic_types_int64 : require

// MessageFlags (flags)
const uint RINGKERNEL_MESSAGE_FLAGS_NONE = 0u;
const uint RINGKERNEL_MESSAGE_FLAGS_CHECKSUMMED = 1u;
const uint RINGKERNEL_MESSAGE_FLAGS_REPLY = 2u;
const uint RINGKERNEL_MESSAGE_FLAGS_ERROR = 4u;

// RingKind
const uint RINGKERNEL_RING_KIND_SINGLE_PRODUCER = 1u;
const uint RINGKERNEL_RING_KIND_MULTI_PRODUCER = 2u;

// KernelCommand (flags)
const uint RINGKERNEL_KERNEL_COMMAND_NONE = 0u;
const uint RINGKERNEL_KERNEL_COMMAND_ACTIVE = 1u;
const uint RINGKERNEL_KERNEL_COMMAND_TERMINATE = 2u;

// KernelStatus
const uint RINGKERNEL_KERNEL_STATUS_NOT_STARTED = 0u;
const uint RINGKERNEL_KERNEL_STATUS_RUNNING = 1u;
const uint RINGKERNEL_KERNEL_STATUS_IDLE = 2u;
const uint RINGKERNEL_KERNEL_STATUS_TERMINATED = 3u;
const uint RINGKERNEL_KERNEL_STATUS_FAULTED = 4u;

// MessageHeader: size, declared constants, field offsets
const uint RINGKERNEL_MESSAGE_HEADER_SIZE = 64u;
const uint RINGKERNEL_MESSAGE_HEADER_MESSAGE_ID_OFFSET = 0u;
const uint RINGKERNEL_MESSAGE_HEADER_CORRELATION_ID_OFFSET = 8u;
const uint RINGKERNEL_MESSAGE_HEADER_TIMESTAMP_OFFSET = 16u;
const uint RINGKERNEL_MESSAGE_HEADER_DEADLINE_OFFSET = 24u;
const uint RINGKERNEL_MESSAGE_HEADER_TYPE_ID_OFFSET = 32u;
const uint RINGKERNEL_MESSAGE_HEADER_SOURCE_ID_OFFSET = 36u;
const uint RINGKERNEL_MESSAGE_HEADER_DESTINATION_ID_OFFSET = 40u;
const uint RINGKERNEL_MESSAGE_HEADER_PAYLOAD_SIZE_OFFSET = 44u;
const uint RINGKERNEL_MESSAGE_HEADER_CHECKSUM_OFFSET = 48u;
const uint RINGKERNEL_MESSAGE_HEADER_FLAGS_OFFSET = 52u;
const uint RINGKERNEL_MESSAGE_HEADER_TIMESTAMP_NODE_OFFSET = 56u;
const uint RINGKERNEL_MESSAGE_HEADER_RESERVED_OFFSET = 60u;

// RingHeader: size, declared constants, field offsets
const uint RINGKERNEL_RING_HEADER_SIZE = 384u;
const uint RINGKERNEL_RING_HEADER_PRODUCER_BLOCK_OFFSET = 0u;
const uint RINGKERNEL_RING_HEADER_CONSUMER_BLOCK_OFFSET = 128u;
const uint RINGKERNEL_RING_HEADER_GEOMETRY_BLOCK_OFFSET = 256u;
const uint RINGKERNEL_RING_HEADER_FORMATTED_MAGIC = 1196312914u;
const uint RINGKERNEL_RING_HEADER_TAIL_OFFSET = 0u;
const uint RINGKERNEL_RING_HEADER_DROPPED_COUNT_OFFSET = 8u;
const uint RINGKERNEL_RING_HEADER_PRODUCER_WAITING_OFFSET = 64u;
const uint RINGKERNEL_RING_HEADER_HEAD_OFFSET = 128u;
const uint RINGKERNEL_RING_HEADER_CONSUMER_WAITING_OFFSET = 192u;
const uint RINGKERNEL_RING_HEADER_CAPACITY_OFFSET = 256u;
const uint RINGKERNEL_RING_HEADER_SLOT_SIZE_OFFSET = 260u;
const uint RINGKERNEL_RING_HEADER_KIND_OFFSET = 264u;
const uint RINGKERNEL_RING_HEADER_MAGIC_OFFSET = 268u;

// ControlBlock: size, declared constants, field offsets
const uint RINGKERNEL_CONTROL_BLOCK_SIZE = 256u;
const uint RINGKERNEL_CONTROL_BLOCK_HOST_BLOCK_OFFSET = 0u;
const uint RINGKERNEL_CONTROL_BLOCK_KERNEL_BLOCK_OFFSET = 128u;
const uint RINGKERNEL_CONTROL_BLOCK_COMMAND_OFFSET = 0u;
const uint RINGKERNEL_CONTROL_BLOCK_KERNEL_ID_OFFSET = 4u;
const uint RINGKERNEL_CONTROL_BLOCK_HOST_CLOCK_OFFSET = 8u;
const uint RINGKERNEL_CONTROL_BLOCK_CLOCK_NODE_OFFSET = 16u;
const uint RINGKERNEL_CONTROL_BLOCK_COMMAND_EPOCH_OFFSET = 20u;
const uint RINGKERNEL_CONTROL_BLOCK_HEARTBEAT_OFFSET = 128u;
const uint RINGKERNEL_CONTROL_BLOCK_MESSAGES_PROCESSED_OFFSET = 136u;
const uint RINGKERNEL_CONTROL_BLOCK_MESSAGES_SENT_OFFSET = 144u;
const uint RINGKERNEL_CONTROL_BLOCK_KERNEL_CLOCK_OFFSET = 152u;
const uint RINGKERNEL_CONTROL_BLOCK_STATUS_OFFSET = 160u;
const uint RINGKERNEL_CONTROL_BLOCK_LAST_ERROR_OFFSET = 164u;
const uint RINGKERNEL_CONTROL_BLOCK_ERROR_COUNT_OFFSET = 168u;
const uint RINGKERNEL_CONTROL_BLOCK_ACKNOWLEDGED_EPOCH_OFFSET = 172u;

// RouteEntry: size, declared constants, field offsets
const uint RINGKERNEL_ROUTE_ENTRY_SIZE = 32u;
const uint RINGKERNEL_ROUTE_ENTRY_INBOX_ADDRESS_OFFSET = 0u;
const uint RINGKERNEL_ROUTE_ENTRY_NEXT_SEQUENCE_OFFSET = 8u;
const uint RINGKERNEL_ROUTE_ENTRY_TARGET_KERNEL_ID_OFFSET = 16u;
const uint RINGKERNEL_ROUTE_ENTRY_DIRECTION_OFFSET = 20u;
const uint RINGKERNEL_ROUTE_ENTRY_INBOX_CAPACITY_OFFSET = 24u;
const uint RINGKERNEL_ROUTE_ENTRY_INBOX_SLOT_SIZE_OFFSET = 28u;

// HaloMessageHeader: size, declared constants, field offsets
const uint RINGKERNEL_HALO_MESSAGE_HEADER_SIZE = 32u;
const uint RINGKERNEL_HALO_MESSAGE_HEADER_STEP_OFFSET = 0u;
const uint RINGKERNEL_HALO_MESSAGE_HEADER_SOURCE_TILE_OFFSET = 8u;
const uint RINGKERNEL_HALO_MESSAGE_HEADER_DIRECTION_OFFSET = 12u;
const uint RINGKERNEL_HALO_MESSAGE_HEADER_HALO_WIDTH_OFFSET = 16u;
const uint RINGKERNEL_HALO_MESSAGE_HEADER_ELEMENT_COUNT_OFFSET = 20u;
const uint RINGKERNEL_HALO_MESSAGE_HEADER_CHUNK_INDEX_OFFSET = 24u;
const uint RINGKERNEL_HALO_MESSAGE_HEADER_CHUNK_COUNT_OFFSET = 28u;

// HaloChunk: size, declared constants, field offsets
const uint RINGKERNEL_HALO_CHUNK_SIZE = 960u;
const uint RINGKERNEL_HALO_CHUNK_CAPACITY = 232u;
const uint RINGKERNEL_HALO_CHUNK_TYPE_ID = 1212238927u;
const uint RINGKERNEL_HALO_CHUNK_INBOX_SLOT_SIZE = 1024u;
const uint RINGKERNEL_HALO_CHUNK_HEADER_OFFSET = 0u;
const uint RINGKERNEL_HALO_CHUNK_DATA_OFFSET = 32u;

struct MessageHeader
{
    uint64_t MessageId;     // 0
    uint64_t CorrelationId; // 8
    uint64_t Timestamp;     // 16
    uint64_t Deadline;      // 24
    uint TypeId;            // 32
    uint SourceId;          // 36
    uint DestinationId;     // 40
    uint PayloadSize;       // 44
    uint Checksum;          // 48
    uint Flags;             // 52: MessageFlags
    uint TimestampNode;     // 56
    uint Reserved;          // 60
};

struct RingHeader
{
    uint64_t Tail;         // 0
    uint64_t DroppedCount; // 8
    uint Pad16[12];        // 16..63: padding
    uint ProducerWaiting;  // 64
    uint Pad68[15];        // 68..127: padding
    uint64_t Head;         // 128
    uint Pad136[14];       // 136..191: padding
    uint ConsumerWaiting;  // 192
    uint Pad196[15];       // 196..255: padding
    uint Capacity;         // 256
    uint SlotSize;         // 260
    uint Kind;             // 264: RingKind
    uint Magic;            // 268
    uint Pad272[28];       // 272..383: padding
};

struct ControlBlock
{
    uint Command;               // 0: KernelCommand
    uint KernelId;              // 4
    uint64_t HostClock;         // 8
    uint ClockNode;             // 16
    uint CommandEpoch;          // 20
    uint Pad24[26];             // 24..127: padding
    uint64_t Heartbeat;         // 128
    uint64_t MessagesProcessed; // 136
    uint64_t MessagesSent;      // 144
    uint64_t KernelClock;       // 152
    uint Status;                // 160: KernelStatus
    uint LastError;             // 164
    uint ErrorCount;            // 168
    uint AcknowledgedEpoch;     // 172
    uint Pad176[20];            // 176..255: padding
};

struct RouteEntry
{
    uint64_t InboxAddress; // 0
    uint64_t NextSequence; // 8
    uint TargetKernelId;   // 16
    uint Direction;        // 20
    uint InboxCapacity;    // 24
    uint InboxSlotSize;    // 28
};

struct HaloMessageHeader
{
    uint64_t Step;     // 0
    uint SourceTile;   // 8
    uint Direction;    // 12
    uint HaloWidth;    // 16
    uint ElementCount; // 20
    uint ChunkIndex;   // 24
    uint ChunkCount;   // 28
};

struct HaloChunk
{
    HaloMessageHeader Header; // 0
    float Data[232];          // 32..959
};

#endif // RINGKERNEL_LAYOUTS_GLSL

// Generated from RingKernel.Core/Layouts by RingKernel.Layouts.DeviceLayoutGenerator; do not edit.
// Regenerate: RINGKERNEL_UPDATE_LAYOUTS=1 dotnet test RingKernel.sln -c Release --filter FullyQualifiedName~RingKernel.Tests.Layouts.CommittedLayoutHeaderTests
// Each struct is byte for byte the C# struct of the same name; padding members are explicit.
#pragma once

// MessageFlags (flags)
static constexpr unsigned int RINGKERNEL_MESSAGE_FLAGS_NONE = 0u;
static constexpr unsigned int RINGKERNEL_MESSAGE_FLAGS_CHECKSUMMED = 1u;
static constexpr unsigned int RINGKERNEL_MESSAGE_FLAGS_REPLY = 2u;
static constexpr unsigned int RINGKERNEL_MESSAGE_FLAGS_ERROR = 4u;

// RingKind
static constexpr unsigned int RINGKERNEL_RING_KIND_SINGLE_PRODUCER = 1u;
static constexpr unsigned int RINGKERNEL_RING_KIND_MULTI_PRODUCER = 2u;

// KernelCommand (flags)
static constexpr unsigned int RINGKERNEL_KERNEL_COMMAND_NONE = 0u;
static constexpr unsigned int RINGKERNEL_KERNEL_COMMAND_ACTIVE = 1u;
static constexpr unsigned int RINGKERNEL_KERNEL_COMMAND_TERMINATE = 2u;

// KernelStatus
static constexpr unsigned int RINGKERNEL_KERNEL_STATUS_NOT_STARTED = 0u;
static constexpr unsigned int RINGKERNEL_KERNEL_STATUS_RUNNING = 1u;
static constexpr unsigned int RINGKERNEL_KERNEL_STATUS_IDLE = 2u;
static constexpr unsigned int RINGKERNEL_KERNEL_STATUS_TERMINATED = 3u;
static constexpr unsigned int RINGKERNEL_KERNEL_STATUS_FAULTED = 4u;

// MessageHeader: size, declared constants, field offsets
static constexpr unsigned int RINGKERNEL_MESSAGE_HEADER_SIZE = 64u;
static constexpr unsigned int RINGKERNEL_MESSAGE_HEADER_MESSAGE_ID_OFFSET = 0u;
static constexpr unsigned int RINGKERNEL_MESSAGE_HEADER_CORRELATION_ID_OFFSET = 8u;
static constexpr unsigned int RINGKERNEL_MESSAGE_HEADER_TIMESTAMP_OFFSET = 16u;
static constexpr unsigned int RINGKERNEL_MESSAGE_HEADER_DEADLINE_OFFSET = 24u;
static constexpr unsigned int RINGKERNEL_MESSAGE_HEADER_TYPE_ID_OFFSET = 32u;
static constexpr unsigned int RINGKERNEL_MESSAGE_HEADER_SOURCE_ID_OFFSET = 36u;
static constexpr unsigned int RINGKERNEL_MESSAGE_HEADER_DESTINATION_ID_OFFSET = 40u;
static constexpr unsigned int RINGKERNEL_MESSAGE_HEADER_PAYLOAD_SIZE_OFFSET = 44u;
static constexpr unsigned int RINGKERNEL_MESSAGE_HEADER_CHECKSUM_OFFSET = 48u;
static constexpr unsigned int RINGKERNEL_MESSAGE_HEADER_FLAGS_OFFSET = 52u;
static constexpr unsigned int RINGKERNEL_MESSAGE_HEADER_TIMESTAMP_NODE_OFFSET = 56u;
static constexpr unsigned int RINGKERNEL_MESSAGE_HEADER_RESERVED_OFFSET = 60u;

// RingHeader: size, declared constants, field offsets
static constexpr unsigned int RINGKERNEL_RING_HEADER_SIZE = 384u;
static constexpr unsigned int RINGKERNEL_RING_HEADER_PRODUCER_BLOCK_OFFSET = 0u;
static constexpr unsigned int RINGKERNEL_RING_HEADER_CONSUMER_BLOCK_OFFSET = 128u;
static constexpr unsigned int RINGKERNEL_RING_HEADER_GEOMETRY_BLOCK_OFFSET = 256u;
static constexpr unsigned int RINGKERNEL_RING_HEADER_FORMATTED_MAGIC = 1196312914u;
static constexpr unsigned int RINGKERNEL_RING_HEADER_TAIL_OFFSET = 0u;
static constexpr unsigned int RINGKERNEL_RING_HEADER_DROPPED_COUNT_OFFSET = 8u;
static constexpr unsigned int RINGKERNEL_RING_HEADER_PRODUCER_WAITING_OFFSET = 64u;
static constexpr unsigned int RINGKERNEL_RING_HEADER_HEAD_OFFSET = 128u;
static constexpr unsigned int RINGKERNEL_RING_HEADER_CONSUMER_WAITING_OFFSET = 192u;
static constexpr unsigned int RINGKERNEL_RING_HEADER_CAPACITY_OFFSET = 256u;
static constexpr unsigned int RINGKERNEL_RING_HEADER_SLOT_SIZE_OFFSET = 260u;
static constexpr unsigned int RINGKERNEL_RING_HEADER_KIND_OFFSET = 264u;
static constexpr unsigned int RINGKERNEL_RING_HEADER_MAGIC_OFFSET = 268u;

// ControlBlock: size, declared constants, field offsets
static constexpr unsigned int RINGKERNEL_CONTROL_BLOCK_SIZE = 256u;
static constexpr unsigned int RINGKERNEL_CONTROL_BLOCK_HOST_BLOCK_OFFSET = 0u;
static constexpr unsigned int RINGKERNEL_CONTROL_BLOCK_KERNEL_BLOCK_OFFSET = 128u;
static constexpr unsigned int RINGKERNEL_CONTROL_BLOCK_COMMAND_OFFSET = 0u;
static constexpr unsigned int RINGKERNEL_CONTROL_BLOCK_KERNEL_ID_OFFSET = 4u;
static constexpr unsigned int RINGKERNEL_CONTROL_BLOCK_HOST_CLOCK_OFFSET = 8u;
static constexpr unsigned int RINGKERNEL_CONTROL_BLOCK_CLOCK_NODE_OFFSET = 16u;
static constexpr unsigned int RINGKERNEL_CONTROL_BLOCK_COMMAND_EPOCH_OFFSET = 20u;
static constexpr unsigned int RINGKERNEL_CONTROL_BLOCK_HEARTBEAT_OFFSET = 128u;
static constexpr unsigned int RINGKERNEL_CONTROL_BLOCK_MESSAGES_PROCESSED_OFFSET = 136u;
static constexpr unsigned int RINGKERNEL_CONTROL_BLOCK_MESSAGES_SENT_OFFSET = 144u;
static constexpr unsigned int RINGKERNEL_CONTROL_BLOCK_KERNEL_CLOCK_OFFSET = 152u;
static constexpr unsigned int RINGKERNEL_CONTROL_BLOCK_STATUS_OFFSET = 160u;
static constexpr unsigned int RINGKERNEL_CONTROL_BLOCK_LAST_ERROR_OFFSET = 164u;
static constexpr unsigned int RINGKERNEL_CONTROL_BLOCK_ERROR_COUNT_OFFSET = 168u;
static constexpr unsigned int RINGKERNEL_CONTROL_BLOCK_ACKNOWLEDGED_EPOCH_OFFSET = 172u;

// RouteEntry: size, declared constants, field offsets
static constexpr unsigned int RINGKERNEL_ROUTE_ENTRY_SIZE = 32u;
static constexpr unsigned int RINGKERNEL_ROUTE_ENTRY_INBOX_ADDRESS_OFFSET = 0u;
static constexpr unsigned int RINGKERNEL_ROUTE_ENTRY_NEXT_SEQUENCE_OFFSET = 8u;
static constexpr unsigned int RINGKERNEL_ROUTE_ENTRY_TARGET_KERNEL_ID_OFFSET = 16u;
static constexpr unsigned int RINGKERNEL_ROUTE_ENTRY_DIRECTION_OFFSET = 20u;
static constexpr unsigned int RINGKERNEL_ROUTE_ENTRY_INBOX_CAPACITY_OFFSET = 24u;
static constexpr unsigned int RINGKERNEL_ROUTE_ENTRY_INBOX_SLOT_SIZE_OFFSET = 28u;

// HaloMessageHeader: size, declared constants, field offsets
static constexpr unsigned int RINGKERNEL_HALO_MESSAGE_HEADER_SIZE = 32u;
static constexpr unsigned int RINGKERNEL_HALO_MESSAGE_HEADER_STEP_OFFSET = 0u;
static constexpr unsigned int RINGKERNEL_HALO_MESSAGE_HEADER_SOURCE_TILE_OFFSET = 8u;
static constexpr unsigned int RINGKERNEL_HALO_MESSAGE_HEADER_DIRECTION_OFFSET = 12u;
static constexpr unsigned int RINGKERNEL_HALO_MESSAGE_HEADER_HALO_WIDTH_OFFSET = 16u;
static constexpr unsigned int RINGKERNEL_HALO_MESSAGE_HEADER_ELEMENT_COUNT_OFFSET = 20u;
static constexpr unsigned int RINGKERNEL_HALO_MESSAGE_HEADER_CHUNK_INDEX_OFFSET = 24u;
static constexpr unsigned int RINGKERNEL_HALO_MESSAGE_HEADER_CHUNK_COUNT_OFFSET = 28u;

// HaloChunk: size, declared constants, field offsets
static constexpr unsigned int RINGKERNEL_HALO_CHUNK_SIZE = 960u;
static constexpr unsigned int RINGKERNEL_HALO_CHUNK_CAPACITY = 232u;
static constexpr unsigned int RINGKERNEL_HALO_CHUNK_TYPE_ID = 1212238927u;
static constexpr unsigned int RINGKERNEL_HALO_CHUNK_INBOX_SLOT_SIZE = 1024u;
static constexpr unsigned int RINGKERNEL_HALO_CHUNK_HEADER_OFFSET = 0u;
static constexpr unsigned int RINGKERNEL_HALO_CHUNK_DATA_OFFSET = 32u;

struct MessageHeader
{
    unsigned long long MessageId;     // 0
    unsigned long long CorrelationId; // 8
    unsigned long long Timestamp;     // 16
    unsigned long long Deadline;      // 24
    unsigned int TypeId;              // 32
    unsigned int SourceId;            // 36
    unsigned int DestinationId;       // 40
    unsigned int PayloadSize;         // 44
    unsigned int Checksum;            // 48
    unsigned int Flags;               // 52: MessageFlags
    unsigned int TimestampNode;       // 56
    unsigned int Reserved;            // 60
};
static_assert(sizeof(MessageHeader) == RINGKERNEL_MESSAGE_HEADER_SIZE, "MessageHeader: size differs from C#");
static_assert(__builtin_offsetof(MessageHeader, MessageId) == RINGKERNEL_MESSAGE_HEADER_MESSAGE_ID_OFFSET, "MessageHeader.MessageId: offset differs from C#");
static_assert(__builtin_offsetof(MessageHeader, CorrelationId) == RINGKERNEL_MESSAGE_HEADER_CORRELATION_ID_OFFSET, "MessageHeader.CorrelationId: offset differs from C#");
static_assert(__builtin_offsetof(MessageHeader, Timestamp) == RINGKERNEL_MESSAGE_HEADER_TIMESTAMP_OFFSET, "MessageHeader.Timestamp: offset differs from C#");
static_assert(__builtin_offsetof(MessageHeader, Deadline) == RINGKERNEL_MESSAGE_HEADER_DEADLINE_OFFSET, "MessageHeader.Deadline: offset differs from C#");
static_assert(__builtin_offsetof(MessageHeader, TypeId) == RINGKERNEL_MESSAGE_HEADER_TYPE_ID_OFFSET, "MessageHeader.TypeId: offset differs from C#");
static_assert(__builtin_offsetof(MessageHeader, SourceId) == RINGKERNEL_MESSAGE_HEADER_SOURCE_ID_OFFSET, "MessageHeader.SourceId: offset differs from C#");
static_assert(__builtin_offsetof(MessageHeader, DestinationId) == RINGKERNEL_MESSAGE_HEADER_DESTINATION_ID_OFFSET, "MessageHeader.DestinationId: offset differs from C#");
static_assert(__builtin_offsetof(MessageHeader, PayloadSize) == RINGKERNEL_MESSAGE_HEADER_PAYLOAD_SIZE_OFFSET, "MessageHeader.PayloadSize: offset differs from C#");
static_assert(__builtin_offsetof(MessageHeader, Checksum) == RINGKERNEL_MESSAGE_HEADER_CHECKSUM_OFFSET, "MessageHeader.Checksum: offset differs from C#");
static_assert(__builtin_offsetof(MessageHeader, Flags) == RINGKERNEL_MESSAGE_HEADER_FLAGS_OFFSET, "MessageHeader.Flags: offset differs from C#");
static_assert(__builtin_offsetof(MessageHeader, TimestampNode) == RINGKERNEL_MESSAGE_HEADER_TIMESTAMP_NODE_OFFSET, "MessageHeader.TimestampNode: offset differs from C#");
static_assert(__builtin_offsetof(MessageHeader, Reserved) == RINGKERNEL_MESSAGE_HEADER_RESERVED_OFFSET, "MessageHeader.Reserved: offset differs from C#");

struct RingHeader
{
    unsigned long long Tail;         // 0
    unsigned long long DroppedCount; // 8
    unsigned int Pad16[12];          // 16..63: padding
    unsigned int ProducerWaiting;    // 64
    unsigned int Pad68[15];          // 68..127: padding
    unsigned long long Head;         // 128
    unsigned int Pad136[14];         // 136..191: padding
    unsigned int ConsumerWaiting;    // 192
    unsigned int Pad196[15];         // 196..255: padding
    unsigned int Capacity;           // 256
    unsigned int SlotSize;           // 260
    unsigned int Kind;               // 264: RingKind
    unsigned int Magic;              // 268
    unsigned int Pad272[28];         // 272..383: padding
};
static_assert(sizeof(RingHeader) == RINGKERNEL_RING_HEADER_SIZE, "RingHeader: size differs from C#");
static_assert(__builtin_offsetof(RingHeader, Tail) == RINGKERNEL_RING_HEADER_TAIL_OFFSET, "RingHeader.Tail: offset differs from C#");
static_assert(__builtin_offsetof(RingHeader, DroppedCount) == RINGKERNEL_RING_HEADER_DROPPED_COUNT_OFFSET, "RingHeader.DroppedCount: offset differs from C#");
static_assert(__builtin_offsetof(RingHeader, ProducerWaiting) == RINGKERNEL_RING_HEADER_PRODUCER_WAITING_OFFSET, "RingHeader.ProducerWaiting: offset differs from C#");
static_assert(__builtin_offsetof(RingHeader, Head) == RINGKERNEL_RING_HEADER_HEAD_OFFSET, "RingHeader.Head: offset differs from C#");
static_assert(__builtin_offsetof(RingHeader, ConsumerWaiting) == RINGKERNEL_RING_HEADER_CONSUMER_WAITING_OFFSET, "RingHeader.ConsumerWaiting: offset differs from C#");
static_assert(__builtin_offsetof(RingHeader, Capacity) == RINGKERNEL_RING_HEADER_CAPACITY_OFFSET, "RingHeader.Capacity: offset differs from C#");
static_assert(__builtin_offsetof(RingHeader, SlotSize) == RINGKERNEL_RING_HEADER_SLOT_SIZE_OFFSET, "RingHeader.SlotSize: offset differs from C#");
static_assert(__builtin_offsetof(RingHeader, Kind) == RINGKERNEL_RING_HEADER_KIND_OFFSET, "RingHeader.Kind: offset differs from C#");
static_assert(__builtin_offsetof(RingHeader, Magic) == RINGKERNEL_RING_HEADER_MAGIC_OFFSET, "RingHeader.Magic: offset differs from C#");

struct ControlBlock
{
    unsigned int Command;                 // 0: KernelCommand
    unsigned int KernelId;                // 4
    unsigned long long HostClock;         // 8
    unsigned int ClockNode;               // 16
    unsigned int CommandEpoch;            // 20
    unsigned int Pad24[26];               // 24..127: padding
    unsigned long long Heartbeat;         // 128
    unsigned long long MessagesProcessed; // 136
    unsigned long long MessagesSent;      // 144
    unsigned long long KernelClock;       // 152
    unsigned int Status;                  // 160: KernelStatus
    unsigned int LastError;               // 164
    unsigned int ErrorCount;              // 168
    unsigned int AcknowledgedEpoch;       // 172
    unsigned int Pad176[20];              // 176..255: padding
};
static_assert(sizeof(ControlBlock) == RINGKERNEL_CONTROL_BLOCK_SIZE, "ControlBlock: size differs from C#");
static_assert(__builtin_offsetof(ControlBlock, Command) == RINGKERNEL_CONTROL_BLOCK_COMMAND_OFFSET, "ControlBlock.Command: offset differs from C#");
static_assert(__builtin_offsetof(ControlBlock, KernelId) == RINGKERNEL_CONTROL_BLOCK_KERNEL_ID_OFFSET, "ControlBlock.KernelId: offset differs from C#");
static_assert(__builtin_offsetof(ControlBlock, HostClock) == RINGKERNEL_CONTROL_BLOCK_HOST_CLOCK_OFFSET, "ControlBlock.HostClock: offset differs from C#");
static_assert(__builtin_offsetof(ControlBlock, ClockNode) == RINGKERNEL_CONTROL_BLOCK_CLOCK_NODE_OFFSET, "ControlBlock.ClockNode: offset differs from C#");
static_assert(__builtin_offsetof(ControlBlock, CommandEpoch) == RINGKERNEL_CONTROL_BLOCK_COMMAND_EPOCH_OFFSET, "ControlBlock.CommandEpoch: offset differs from C#");
static_assert(__builtin_offsetof(ControlBlock, Heartbeat) == RINGKERNEL_CONTROL_BLOCK_HEARTBEAT_OFFSET, "ControlBlock.Heartbeat: offset differs from C#");
static_assert(__builtin_offsetof(ControlBlock, MessagesProcessed) == RINGKERNEL_CONTROL_BLOCK_MESSAGES_PROCESSED_OFFSET, "ControlBlock.MessagesProcessed: offset differs from C#");
static_assert(__builtin_offsetof(ControlBlock, MessagesSent) == RINGKERNEL_CONTROL_BLOCK_MESSAGES_SENT_OFFSET, "ControlBlock.MessagesSent: offset differs from C#");
static_assert(__builtin_offsetof(ControlBlock, KernelClock) == RINGKERNEL_CONTROL_BLOCK_KERNEL_CLOCK_OFFSET, "ControlBlock.KernelClock: offset differs from C#");
static_assert(__builtin_offsetof(ControlBlock, Status) == RINGKERNEL_CONTROL_BLOCK_STATUS_OFFSET, "ControlBlock.Status: offset differs from C#");
static_assert(__builtin_offsetof(ControlBlock, LastError) == RINGKERNEL_CONTROL_BLOCK_LAST_ERROR_OFFSET, "ControlBlock.LastError: offset differs from C#");
static_assert(__builtin_offsetof(ControlBlock, ErrorCount) == RINGKERNEL_CONTROL_BLOCK_ERROR_COUNT_OFFSET, "ControlBlock.ErrorCount: offset differs from C#");
static_assert(__builtin_offsetof(ControlBlock, AcknowledgedEpoch) == RINGKERNEL_CONTROL_BLOCK_ACKNOWLEDGED_EPOCH_OFFSET, "ControlBlock.AcknowledgedEpoch: offset differs from C#");

struct RouteEntry
{
    unsigned long long InboxAddress; // 0
    unsigned long long NextSequence; // 8
    unsigned int TargetKernelId;     // 16
    unsigned int Direction;          // 20
    unsigned int InboxCapacity;      // 24
    unsigned int InboxSlotSize;      // 28
};
static_assert(sizeof(RouteEntry) == RINGKERNEL_ROUTE_ENTRY_SIZE, "RouteEntry: size differs from C#");
static_assert(__builtin_offsetof(RouteEntry, InboxAddress) == RINGKERNEL_ROUTE_ENTRY_INBOX_ADDRESS_OFFSET, "RouteEntry.InboxAddress: offset differs from C#");
static_assert(__builtin_offsetof(RouteEntry, NextSequence) == RINGKERNEL_ROUTE_ENTRY_NEXT_SEQUENCE_OFFSET, "RouteEntry.NextSequence: offset differs from C#");
static_assert(__builtin_offsetof(RouteEntry, TargetKernelId) == RINGKERNEL_ROUTE_ENTRY_TARGET_KERNEL_ID_OFFSET, "RouteEntry.TargetKernelId: offset differs from C#");
static_assert(__builtin_offsetof(RouteEntry, Direction) == RINGKERNEL_ROUTE_ENTRY_DIRECTION_OFFSET, "RouteEntry.Direction: offset differs from C#");
static_assert(__builtin_offsetof(RouteEntry, InboxCapacity) == RINGKERNEL_ROUTE_ENTRY_INBOX_CAPACITY_OFFSET, "RouteEntry.InboxCapacity: offset differs from C#");
static_assert(__builtin_offsetof(RouteEntry, InboxSlotSize) == RINGKERNEL_ROUTE_ENTRY_INBOX_SLOT_SIZE_OFFSET, "RouteEntry.InboxSlotSize: offset differs from C#");

struct HaloMessageHeader
{
    unsigned long long Step;   // 0
    unsigned int SourceTile;   // 8
    unsigned int Direction;    // 12
    unsigned int HaloWidth;    // 16
    unsigned int ElementCount; // 20
    unsigned int ChunkIndex;   // 24
    unsigned int ChunkCount;   // 28
};
static_assert(sizeof(HaloMessageHeader) == RINGKERNEL_HALO_MESSAGE_HEADER_SIZE, "HaloMessageHeader: size differs from C#");
static_assert(__builtin_offsetof(HaloMessageHeader, Step) == RINGKERNEL_HALO_MESSAGE_HEADER_STEP_OFFSET, "HaloMessageHeader.Step: offset differs from C#");
static_assert(__builtin_offsetof(HaloMessageHeader, SourceTile) == RINGKERNEL_HALO_MESSAGE_HEADER_SOURCE_TILE_OFFSET, "HaloMessageHeader.SourceTile: offset differs from C#");
static_assert(__builtin_offsetof(HaloMessageHeader, Direction) == RINGKERNEL_HALO_MESSAGE_HEADER_DIRECTION_OFFSET, "HaloMessageHeader.Direction: offset differs from C#");
static_assert(__builtin_offsetof(HaloMessageHeader, HaloWidth) == RINGKERNEL_HALO_MESSAGE_HEADER_HALO_WIDTH_OFFSET, "HaloMessageHeader.HaloWidth: offset differs from C#");
static_assert(__builtin_offsetof(HaloMessageHeader, ElementCount) == RINGKERNEL_HALO_MESSAGE_HEADER_ELEMENT_COUNT_OFFSET, "HaloMessageHeader.ElementCount: offset differs from C#");
static_assert(__builtin_offsetof(HaloMessageHeader, ChunkIndex) == RINGKERNEL_HALO_MESSAGE_HEADER_CHUNK_INDEX_OFFSET, "HaloMessageHeader.ChunkIndex: offset differs from C#");
static_assert(__builtin_offsetof(HaloMessageHeader, ChunkCount) == RINGKERNEL_HALO_MESSAGE_HEADER_CHUNK_COUNT_OFFSET, "HaloMessageHeader.ChunkCount: offset differs from C#");

struct HaloChunk
{
    HaloMessageHeader Header; // 0
    float Data[232];          // 32..959
};
static_assert(sizeof(HaloChunk) == RINGKERNEL_HALO_CHUNK_SIZE, "HaloChunk: size differs from C#");
static_assert(__builtin_offsetof(HaloChunk, Header) == RINGKERNEL_HALO_CHUNK_HEADER_OFFSET, "HaloChunk.Header: offset differs from C#");
static_assert(__builtin_offsetof(HaloChunk, Data) == RINGKERNEL_HALO_CHUNK_DATA_OFFSET, "HaloChunk.Data: offset differs from C#");

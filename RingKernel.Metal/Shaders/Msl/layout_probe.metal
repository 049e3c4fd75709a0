// Translated by spirv-cross (--msl --msl-version 30000) from RingKernel.Vulkan/Shaders/Spirv/layout_probe.spv; do not edit.
// Regenerate: RINGKERNEL_UPDATE_MSL=1 dotnet test RingKernel.sln -c Release --filter FullyQualifiedName~RingKernel.Tests.Metal.CommittedMslTests
#include <metal_stdlib>
#include <simd/simd.h>

using namespace metal;

struct Arguments
{
    uint count;
    uint typeId;
};

struct MessageHeader
{
    ulong MessageId;
    ulong CorrelationId;
    ulong Timestamp;
    ulong Deadline;
    uint TypeId;
    uint SourceId;
    uint DestinationId;
    uint PayloadSize;
    uint Checksum;
    uint Flags;
    uint TimestampNode;
    uint Reserved;
};

struct ControlBlock
{
    uint Command;
    uint KernelId;
    ulong HostClock;
    uint ClockNode;
    uint CommandEpoch;
    uint Pad24[26];
    ulong Heartbeat;
    ulong MessagesProcessed;
    ulong MessagesSent;
    ulong KernelClock;
    uint Status;
    uint LastError;
    uint ErrorCount;
    uint AcknowledgedEpoch;
    uint Pad176[20];
};

struct Control
{
    ControlBlock control;
};

struct MessageHeader_1
{
    ulong MessageId;
    ulong CorrelationId;
    ulong Timestamp;
    ulong Deadline;
    uint TypeId;
    uint SourceId;
    uint DestinationId;
    uint PayloadSize;
    uint Checksum;
    uint Flags;
    uint TimestampNode;
    uint Reserved;
};

struct Messages
{
    MessageHeader_1 messages[1];
};

constant uint _171_tmp [[function_constant(0)]];
constant uint _171 = is_function_constant_defined(_171_tmp) ? _171_tmp : 1u;
constant uint _172_tmp [[function_constant(1)]];
constant uint _172 = is_function_constant_defined(_172_tmp) ? _172_tmp : 1u;
constant uint _173_tmp [[function_constant(2)]];
constant uint _173 = is_function_constant_defined(_173_tmp) ? _173_tmp : 1u;
constant uint3 gl_WorkGroupSize [[maybe_unused]] = uint3(_171, _172, _173);

kernel void main0(constant Arguments& arguments [[buffer(0)]], device Control& _40 [[buffer(1)]], device Messages& _106 [[buffer(2)]], uint3 gl_GlobalInvocationID [[thread_position_in_grid]])
{
    uint i = gl_GlobalInvocationID.x;
    if (i < arguments.count)
    {
        MessageHeader header;
        header.MessageId = (ulong(_40.control.KernelId) << ulong(32)) | ulong(i + 1u);
        header.CorrelationId = _40.control.HostClock ^ ulong(i);
        header.Timestamp = _40.control.HostClock;
        header.Deadline = 18446744069414584320ul | ulong(i);
        header.TypeId = arguments.typeId;
        header.SourceId = _40.control.KernelId;
        header.DestinationId = i;
        header.PayloadSize = 4u * i;
        header.Checksum = 3237998080u + i;
        header.Flags = 2u;
        header.TimestampNode = _40.control.ClockNode;
        header.Reserved = 0u;
        MessageHeader_1 _111;
        _111.MessageId = header.MessageId;
        _111.CorrelationId = header.CorrelationId;
        _111.Timestamp = header.Timestamp;
        _111.Deadline = header.Deadline;
        _111.TypeId = header.TypeId;
        _111.SourceId = header.SourceId;
        _111.DestinationId = header.DestinationId;
        _111.PayloadSize = header.PayloadSize;
        _111.Checksum = header.Checksum;
        _111.Flags = header.Flags;
        _111.TimestampNode = header.TimestampNode;
        _111.Reserved = header.Reserved;
        _106.messages[i] = _111;
    }
    if (i == 0u)
    {
        _40.control.Heartbeat += 1ul;
        _40.control.MessagesSent += ulong(arguments.count);
        _40.control.KernelClock = _40.control.HostClock + 1ul;
        _40.control.Status = 2u;
        _40.control.AcknowledgedEpoch = _40.control.CommandEpoch;
    }
}


#version 450
// Proves the generated layouts on the device: reads a ControlBlock's host block and writes its
// kernel block and one MessageHeader per thread, through the structs of ringkernel_layouts.glsl.
// The host reads them back through the C# structs and checks every field.
#extension GL_GOOGLE_include_directive : require
#include "ringkernel_layouts.glsl"
layout(local_size_x_id = 0, local_size_y_id = 1, local_size_z_id = 2) in;

layout(std430, set = 0, binding = 0) buffer Control { ControlBlock control; };
layout(std430, set = 0, binding = 1) writeonly buffer Messages { MessageHeader messages[]; };
layout(push_constant) uniform Arguments { uint count; uint typeId; } arguments;

void main()
{
    uint i = gl_GlobalInvocationID.x;
    if (i < arguments.count)
    {
        MessageHeader header;
        header.MessageId = (uint64_t(control.KernelId) << 32) | uint64_t(i + 1u);
        header.CorrelationId = control.HostClock ^ uint64_t(i);
        header.Timestamp = control.HostClock;
        header.Deadline = 0xFFFFFFFF00000000ul | uint64_t(i);
        header.TypeId = arguments.typeId;
        header.SourceId = control.KernelId;
        header.DestinationId = i;
        header.PayloadSize = 4u * i;
        header.Checksum = 0xC0FFEE00u + i;
        header.Flags = RINGKERNEL_MESSAGE_FLAGS_REPLY;
        header.TimestampNode = control.ClockNode;
        header.Reserved = 0u;
        messages[i] = header;
    }

    if (i == 0u)
    {
        control.Heartbeat += 1ul;
        control.MessagesSent += uint64_t(arguments.count);
        control.KernelClock = control.HostClock + 1ul;
        control.Status = RINGKERNEL_KERNEL_STATUS_IDLE;
        control.AcknowledgedEpoch = control.CommandEpoch;
    }
}

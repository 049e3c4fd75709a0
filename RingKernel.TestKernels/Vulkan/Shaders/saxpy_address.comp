#version 450
// saxpy through buffer device addresses: the push constants are a KernelArgumentBuffer's 8-byte
// slots (x, y, n, a), so buffers arrive as DeviceBuffer.DeviceAddress values, not descriptors.
#extension GL_EXT_buffer_reference : require
#extension GL_EXT_shader_explicit_arithmetic_types_int64 : require
layout(local_size_x_id = 0, local_size_y_id = 1, local_size_z_id = 2) in;

layout(buffer_reference, std430, buffer_reference_align = 4) readonly buffer Floats { float values[]; };
layout(buffer_reference, std430, buffer_reference_align = 4) buffer MutableFloats { float values[]; };

// Slot i at byte 8 i; a 32-bit scalar sits in the low half of its slot (little-endian).
layout(push_constant, std430) uniform Arguments
{
    Floats x;           // slot 0
    MutableFloats y;    // slot 1
    uint64_t n;         // slot 2
    float a;            // slot 3
} arguments;

void main()
{
    uint i = gl_GlobalInvocationID.x;
    if (uint64_t(i) >= arguments.n)
        return;
    precise float result = arguments.a * arguments.x.values[i] + arguments.y.values[i];
    arguments.y.values[i] = result;
}

#version 450
// y = a * x + y over n elements, one thread per element. `precise` keeps the multiply and the add
// separately rounded (no fused multiply-add), so the result matches C#'s a * x[i] + y[i] bit for bit.
layout(local_size_x_id = 0, local_size_y_id = 1, local_size_z_id = 2) in;

layout(std430, set = 0, binding = 0) readonly buffer X { float x[]; };
layout(std430, set = 0, binding = 1) buffer Y { float y[]; };
layout(push_constant) uniform Arguments { uint n; float a; } arguments;

void main()
{
    uint i = gl_GlobalInvocationID.x;
    if (i >= arguments.n)
        return;
    precise float result = arguments.a * x[i] + y[i];
    y[i] = result;
}

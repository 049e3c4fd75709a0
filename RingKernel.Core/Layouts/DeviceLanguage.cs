namespace RingKernel.Layouts;

/// <summary>A language the device-visible layouts are generated into.</summary>
public enum DeviceLanguage
{
    /// <summary>CUDA C++ as compiled by NVRTC (no system headers).</summary>
    CudaC,
    /// <summary>GLSL for Vulkan compute shaders, structs laid out by std430 buffer blocks.</summary>
    Glsl,
    /// <summary>Metal Shading Language.</summary>
    Metal,
}

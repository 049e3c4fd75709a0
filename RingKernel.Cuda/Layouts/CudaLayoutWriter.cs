using RingKernel.Layouts;

namespace RingKernel.Cuda.Layouts;

/// <summary>
/// CUDA C++ for NVRTC, which has no system headers: built-in integer types only (their sizes are
/// fixed on every CUDA target, and the static_asserts prove it), <c>__builtin_offsetof</c> instead of
/// &lt;cstddef&gt;'s offsetof, <c>static constexpr</c> constants.
/// </summary>
public sealed class CudaLayoutWriter() : CppLayoutWriter(
    new DeviceTypeNames(I32: "int", U32: "unsigned int", I64: "long long", U64: "unsigned long long", F32: "float"),
    constantQualifier: "static");

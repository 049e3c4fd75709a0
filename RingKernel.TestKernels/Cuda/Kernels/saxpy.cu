// y = a x + y over count floats, one thread each (the command-queue conformance suite's kernel, the
// twin of RingKernel.Vulkan/Shaders/saxpy.comp). Compiled with --fmad=false: a product, then a sum,
// each rounded, as the CPU body computes it.
extern "C" __global__ void saxpy(const float* x, float* y, int count, float a)
{
    int i = blockIdx.x * blockDim.x + threadIdx.x;
    if (i < count)
        y[i] = a * x[i] + y[i];
}

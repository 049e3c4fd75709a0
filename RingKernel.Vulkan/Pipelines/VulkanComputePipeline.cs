using System.Text;
using RingKernel.Kernels;
using RingKernel.Vulkan.Devices;
using RingKernel.Vulkan.Interop;
using RingKernel.Vulkan.Memory;
using Silk.NET.Vulkan;

namespace RingKernel.Vulkan.Pipelines;

/// <summary>
/// One compute pipeline: a SPIR-V module specialised to one workgroup shape (specialization
/// constants 0, 1, 2), its layout (storage buffers at set 0, one push-constant range) and one
/// descriptor set, rewritten before each dispatch. Dispatches are serialised by the backend and
/// each waits for completion, so one set is never in use by two submissions.
/// </summary>
internal sealed unsafe class VulkanComputePipeline : IDisposable
{
    private readonly VulkanDevice _device;
    private readonly int _bufferCount;
    private readonly uint _pushConstantBytes;
    private DescriptorSetLayout _setLayout;
    private PipelineLayout _layout;
    private Pipeline _pipeline;
    private DescriptorPool _pool;
    private DescriptorSet _set;

    public VulkanComputePipeline(VulkanDevice device, ReadOnlySpan<byte> spirv, string entryPoint, int bufferCount, int pushConstantBytes, Dim3 workgroup)
    {
        _device = device;
        _bufferCount = bufferCount;
        _pushConstantBytes = (uint)pushConstantBytes;
        try
        {
            Create(spirv, entryPoint, workgroup);
        }
        catch
        {
            Dispose();
            throw;
        }
    }

    /// <summary>The layout of the pipeline's descriptor set (storage buffers 0 to n-1), for sets allocated elsewhere.</summary>
    public DescriptorSetLayout SetLayout => _setLayout;

    /// <summary>Storage buffers the pipeline binds.</summary>
    public int BufferCount => _bufferCount;

    /// <summary>Records binding, push constants and a dispatch of <paramref name="grid"/> workgroups into <paramref name="commandBuffer"/>, through the pipeline's own descriptor set.</summary>
    public void Record(CommandBuffer commandBuffer, ReadOnlySpan<VulkanBuffer> buffers, ReadOnlySpan<byte> pushConstants, Dim3 grid) =>
        Record(commandBuffer, _set, buffers, pushConstants, grid);

    /// <summary>
    /// Like <see cref="Record(CommandBuffer, ReadOnlySpan{VulkanBuffer}, ReadOnlySpan{byte}, Dim3)"/> through
    /// <paramref name="set"/> (of <see cref="SetLayout"/>), for work that is still queued when the next is recorded.
    /// </summary>
    public void Record(CommandBuffer commandBuffer, DescriptorSet set, ReadOnlySpan<VulkanBuffer> buffers, ReadOnlySpan<byte> pushConstants, Dim3 grid)
    {
        Vk vk = _device.Api;
        if (_bufferCount > 0)
        {
            var infos = stackalloc DescriptorBufferInfo[_bufferCount];
            var writes = stackalloc WriteDescriptorSet[_bufferCount];
            for (int i = 0; i < _bufferCount; i++)
            {
                infos[i] = new DescriptorBufferInfo { Buffer = buffers[i].Handle, Offset = 0, Range = Vk.WholeSize };
                writes[i] = new WriteDescriptorSet
                {
                    SType = StructureType.WriteDescriptorSet,
                    DstSet = set,
                    DstBinding = (uint)i,
                    DescriptorCount = 1,
                    DescriptorType = DescriptorType.StorageBuffer,
                    PBufferInfo = &infos[i],
                };
            }

            vk.UpdateDescriptorSets(_device.Handle, (uint)_bufferCount, writes, 0, null);
        }

        vk.CmdBindPipeline(commandBuffer, PipelineBindPoint.Compute, _pipeline);
        if (_bufferCount > 0)
            vk.CmdBindDescriptorSets(commandBuffer, PipelineBindPoint.Compute, _layout, 0, 1, &set, 0, null);

        if (_pushConstantBytes > 0)
        {
            fixed (byte* data = pushConstants)
                vk.CmdPushConstants(commandBuffer, _layout, ShaderStageFlags.ComputeBit, 0, _pushConstantBytes, data);
        }

        vk.CmdDispatch(commandBuffer, (uint)grid.X, (uint)grid.Y, (uint)grid.Z);
    }

    public void Dispose()
    {
        Vk vk = _device.Api;
        Device device = _device.Handle;
        if (_pool.Handle != 0)
            vk.DestroyDescriptorPool(device, _pool, null);
        if (_pipeline.Handle != 0)
            vk.DestroyPipeline(device, _pipeline, null);
        if (_layout.Handle != 0)
            vk.DestroyPipelineLayout(device, _layout, null);
        if (_setLayout.Handle != 0)
            vk.DestroyDescriptorSetLayout(device, _setLayout, null);
        (_pool, _pipeline, _layout, _setLayout, _set) = (default, default, default, default, default);
    }

    private void Create(ReadOnlySpan<byte> spirv, string entryPoint, Dim3 workgroup)
    {
        Vk vk = _device.Api;
        Device device = _device.Handle;

        var bindings = stackalloc DescriptorSetLayoutBinding[Math.Max(1, _bufferCount)];
        for (int i = 0; i < _bufferCount; i++)
        {
            bindings[i] = new DescriptorSetLayoutBinding
            {
                Binding = (uint)i,
                DescriptorType = DescriptorType.StorageBuffer,
                DescriptorCount = 1,
                StageFlags = ShaderStageFlags.ComputeBit,
            };
        }

        var setLayoutInfo = new DescriptorSetLayoutCreateInfo { SType = StructureType.DescriptorSetLayoutCreateInfo, BindingCount = (uint)_bufferCount, PBindings = bindings };
        DescriptorSetLayout setLayout;
        VulkanResults.Check(vk.CreateDescriptorSetLayout(device, &setLayoutInfo, null, &setLayout), "vkCreateDescriptorSetLayout");
        _setLayout = setLayout;

        var range = new PushConstantRange { StageFlags = ShaderStageFlags.ComputeBit, Offset = 0, Size = _pushConstantBytes };
        var layoutInfo = new PipelineLayoutCreateInfo
        {
            SType = StructureType.PipelineLayoutCreateInfo,
            SetLayoutCount = 1,
            PSetLayouts = &setLayout,
            PushConstantRangeCount = _pushConstantBytes > 0 ? 1u : 0u,
            PPushConstantRanges = &range,
        };
        PipelineLayout layout;
        VulkanResults.Check(vk.CreatePipelineLayout(device, &layoutInfo, null, &layout), "vkCreatePipelineLayout");
        _layout = layout;

        _pipeline = CreatePipeline(spirv, entryPoint, workgroup, layout);

        if (_bufferCount > 0)
        {
            var size = new DescriptorPoolSize { Type = DescriptorType.StorageBuffer, DescriptorCount = (uint)_bufferCount };
            var poolInfo = new DescriptorPoolCreateInfo { SType = StructureType.DescriptorPoolCreateInfo, MaxSets = 1, PoolSizeCount = 1, PPoolSizes = &size };
            DescriptorPool pool;
            VulkanResults.Check(vk.CreateDescriptorPool(device, &poolInfo, null, &pool), "vkCreateDescriptorPool");
            _pool = pool;
            var allocate = new DescriptorSetAllocateInfo { SType = StructureType.DescriptorSetAllocateInfo, DescriptorPool = pool, DescriptorSetCount = 1, PSetLayouts = &setLayout };
            DescriptorSet set;
            VulkanResults.Check(vk.AllocateDescriptorSets(device, &allocate, &set), "vkAllocateDescriptorSets");
            _set = set;
        }
    }

    private Pipeline CreatePipeline(ReadOnlySpan<byte> spirv, string entryPoint, Dim3 workgroup, PipelineLayout layout)
    {
        Vk vk = _device.Api;
        Device device = _device.Handle;
        ShaderModule module;
        fixed (byte* code = spirv)
        {
            var moduleInfo = new ShaderModuleCreateInfo { SType = StructureType.ShaderModuleCreateInfo, CodeSize = (nuint)spirv.Length, PCode = (uint*)code };
            VulkanResults.Check(vk.CreateShaderModule(device, &moduleInfo, null, &module), "vkCreateShaderModule");
        }

        try
        {
            uint* size = stackalloc uint[3] { (uint)workgroup.X, (uint)workgroup.Y, (uint)workgroup.Z };
            var entries = stackalloc SpecializationMapEntry[3];
            for (int i = 0; i < 3; i++)
                entries[i] = new SpecializationMapEntry { ConstantID = (uint)i, Offset = (uint)(i * sizeof(uint)), Size = sizeof(uint) };
            var specialization = new SpecializationInfo { MapEntryCount = 3, PMapEntries = entries, DataSize = 3 * sizeof(uint), PData = size };
            byte[] name = Encoding.UTF8.GetBytes(entryPoint + '\0');
            fixed (byte* entry = name)
            {
                var create = new ComputePipelineCreateInfo
                {
                    SType = StructureType.ComputePipelineCreateInfo,
                    Stage = new PipelineShaderStageCreateInfo
                    {
                        SType = StructureType.PipelineShaderStageCreateInfo,
                        Stage = ShaderStageFlags.ComputeBit,
                        Module = module,
                        PName = entry,
                        PSpecializationInfo = &specialization,
                    },
                    Layout = layout,
                    BasePipelineIndex = -1,
                };
                Pipeline pipeline;
                VulkanResults.Check(vk.CreateComputePipelines(device, _device.PipelineCache, 1, &create, null, &pipeline), "vkCreateComputePipelines");
                return pipeline;
            }
        }
        finally
        {
            // A pipeline keeps what it needs of its module; the module can go once the pipeline exists.
            vk.DestroyShaderModule(device, module, null);
        }
    }
}

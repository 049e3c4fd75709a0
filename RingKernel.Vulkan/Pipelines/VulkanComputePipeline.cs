using System.Text;
using RingKernel.Kernels;
using RingKernel.Vulkan.Devices;
using RingKernel.Vulkan.Interop;
using RingKernel.Vulkan.Memory;

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
    private ulong _setLayout;
    private ulong _layout;
    private ulong _pipeline;
    private ulong _pool;
    private ulong _set;

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
    public ulong SetLayout => _setLayout;

    /// <summary>Storage buffers the pipeline binds.</summary>
    public int BufferCount => _bufferCount;

    /// <summary>Records binding, push constants and a dispatch of <paramref name="grid"/> workgroups into <paramref name="commandBuffer"/>, through the pipeline's own descriptor set.</summary>
    public void Record(nint commandBuffer, ReadOnlySpan<VulkanBuffer> buffers, ReadOnlySpan<byte> pushConstants, Dim3 grid) =>
        Record(commandBuffer, _set, buffers, pushConstants, grid);

    /// <summary>
    /// Like <see cref="Record(nint, ReadOnlySpan{VulkanBuffer}, ReadOnlySpan{byte}, Dim3)"/> through
    /// <paramref name="set"/> (of <see cref="SetLayout"/>), for work that is still queued when the next is recorded.
    /// </summary>
    public void Record(nint commandBuffer, ulong set, ReadOnlySpan<VulkanBuffer> buffers, ReadOnlySpan<byte> pushConstants, Dim3 grid)
    {
        DeviceFunctions vk = _device.Functions;
        if (_bufferCount > 0)
        {
            var infos = stackalloc VkDescriptorBufferInfo[_bufferCount];
            var writes = stackalloc VkWriteDescriptorSet[_bufferCount];
            for (int i = 0; i < _bufferCount; i++)
            {
                infos[i] = new VkDescriptorBufferInfo { Buffer = buffers[i].Handle, Offset = 0, Range = VkConstants.WholeSize };
                writes[i] = new VkWriteDescriptorSet
                {
                    SType = VkStructureType.WriteDescriptorSet,
                    DstSet = set,
                    DstBinding = (uint)i,
                    DescriptorCount = 1,
                    DescriptorType = VkConstants.DescriptorTypeStorageBuffer,
                    PBufferInfo = &infos[i],
                };
            }

            vk.UpdateDescriptorSets(_device.Handle, (uint)_bufferCount, writes, 0, null);
        }

        vk.CmdBindPipeline(commandBuffer, VkConstants.PipelineBindPointCompute, _pipeline);
        if (_bufferCount > 0)
            vk.CmdBindDescriptorSets(commandBuffer, VkConstants.PipelineBindPointCompute, _layout, 0, 1, &set, 0, null);

        if (_pushConstantBytes > 0)
        {
            fixed (byte* data = pushConstants)
                vk.CmdPushConstants(commandBuffer, _layout, VkConstants.ShaderStageCompute, 0, _pushConstantBytes, data);
        }

        vk.CmdDispatch(commandBuffer, (uint)grid.X, (uint)grid.Y, (uint)grid.Z);
    }

    public void Dispose()
    {
        DeviceFunctions vk = _device.Functions;
        nint device = _device.Handle;
        if (_pool != 0)
            vk.DestroyDescriptorPool(device, _pool, null);
        if (_pipeline != 0)
            vk.DestroyPipeline(device, _pipeline, null);
        if (_layout != 0)
            vk.DestroyPipelineLayout(device, _layout, null);
        if (_setLayout != 0)
            vk.DestroyDescriptorSetLayout(device, _setLayout, null);
        _pool = _pipeline = _layout = _setLayout = _set = 0;
    }

    private void Create(ReadOnlySpan<byte> spirv, string entryPoint, Dim3 workgroup)
    {
        DeviceFunctions vk = _device.Functions;
        nint device = _device.Handle;

        var bindings = stackalloc VkDescriptorSetLayoutBinding[Math.Max(1, _bufferCount)];
        for (int i = 0; i < _bufferCount; i++)
        {
            bindings[i] = new VkDescriptorSetLayoutBinding
            {
                Binding = (uint)i,
                DescriptorType = VkConstants.DescriptorTypeStorageBuffer,
                DescriptorCount = 1,
                StageFlags = VkConstants.ShaderStageCompute,
            };
        }

        var setLayoutInfo = new VkDescriptorSetLayoutCreateInfo { SType = VkStructureType.DescriptorSetLayoutCreateInfo, BindingCount = (uint)_bufferCount, PBindings = bindings };
        ulong setLayout;
        VulkanResults.Check(vk.CreateDescriptorSetLayout(device, &setLayoutInfo, null, &setLayout), "vkCreateDescriptorSetLayout");
        _setLayout = setLayout;

        var range = new VkPushConstantRange { StageFlags = VkConstants.ShaderStageCompute, Offset = 0, Size = _pushConstantBytes };
        var layoutInfo = new VkPipelineLayoutCreateInfo
        {
            SType = VkStructureType.PipelineLayoutCreateInfo,
            SetLayoutCount = 1,
            PSetLayouts = &setLayout,
            PushConstantRangeCount = _pushConstantBytes > 0 ? 1u : 0u,
            PPushConstantRanges = &range,
        };
        ulong layout;
        VulkanResults.Check(vk.CreatePipelineLayout(device, &layoutInfo, null, &layout), "vkCreatePipelineLayout");
        _layout = layout;

        _pipeline = CreatePipeline(spirv, entryPoint, workgroup, layout);

        if (_bufferCount > 0)
        {
            var size = new VkDescriptorPoolSize { Type = VkConstants.DescriptorTypeStorageBuffer, DescriptorCount = (uint)_bufferCount };
            var poolInfo = new VkDescriptorPoolCreateInfo { SType = VkStructureType.DescriptorPoolCreateInfo, MaxSets = 1, PoolSizeCount = 1, PPoolSizes = &size };
            ulong pool;
            VulkanResults.Check(vk.CreateDescriptorPool(device, &poolInfo, null, &pool), "vkCreateDescriptorPool");
            _pool = pool;
            var allocate = new VkDescriptorSetAllocateInfo { SType = VkStructureType.DescriptorSetAllocateInfo, DescriptorPool = pool, DescriptorSetCount = 1, PSetLayouts = &setLayout };
            ulong set;
            VulkanResults.Check(vk.AllocateDescriptorSets(device, &allocate, &set), "vkAllocateDescriptorSets");
            _set = set;
        }
    }

    private ulong CreatePipeline(ReadOnlySpan<byte> spirv, string entryPoint, Dim3 workgroup, ulong layout)
    {
        DeviceFunctions vk = _device.Functions;
        nint device = _device.Handle;
        ulong module;
        fixed (byte* code = spirv)
        {
            var moduleInfo = new VkShaderModuleCreateInfo { SType = VkStructureType.ShaderModuleCreateInfo, CodeSize = (nuint)spirv.Length, PCode = (uint*)code };
            VulkanResults.Check(vk.CreateShaderModule(device, &moduleInfo, null, &module), "vkCreateShaderModule");
        }

        try
        {
            uint* size = stackalloc uint[3] { (uint)workgroup.X, (uint)workgroup.Y, (uint)workgroup.Z };
            var entries = stackalloc VkSpecializationMapEntry[3];
            for (int i = 0; i < 3; i++)
                entries[i] = new VkSpecializationMapEntry { ConstantId = (uint)i, Offset = (uint)(i * sizeof(uint)), Size = sizeof(uint) };
            var specialization = new VkSpecializationInfo { MapEntryCount = 3, PMapEntries = entries, DataSize = 3 * sizeof(uint), PData = size };
            byte[] name = Encoding.UTF8.GetBytes(entryPoint + '\0');
            fixed (byte* entry = name)
            {
                var create = new VkComputePipelineCreateInfo
                {
                    SType = VkStructureType.ComputePipelineCreateInfo,
                    Stage = new VkPipelineShaderStageCreateInfo
                    {
                        SType = VkStructureType.PipelineShaderStageCreateInfo,
                        Stage = VkConstants.ShaderStageCompute,
                        Module = module,
                        PName = entry,
                        PSpecializationInfo = &specialization,
                    },
                    Layout = layout,
                    BasePipelineIndex = -1,
                };
                ulong pipeline;
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

using System.Text;

namespace RingKernel.Vulkan.Interop;

/// <summary>
/// The device-level commands, loaded once per device through vkGetDeviceProcAddr, which returns
/// the driver's own entry points (no loader trampoline on the hot path).
/// </summary>
internal sealed unsafe class DeviceFunctions
{
    public DeviceFunctions(InstanceFunctions instance, nint device)
    {
        DestroyDevice = (delegate* unmanaged<nint, void*, void>)Load(instance, device, "vkDestroyDevice");
        DeviceWaitIdle = (delegate* unmanaged<nint, VkResult>)Load(instance, device, "vkDeviceWaitIdle");
        GetDeviceQueue = (delegate* unmanaged<nint, uint, uint, nint*, void>)Load(instance, device, "vkGetDeviceQueue");
        CreateBuffer = (delegate* unmanaged<nint, VkBufferCreateInfo*, void*, ulong*, VkResult>)Load(instance, device, "vkCreateBuffer");
        DestroyBuffer = (delegate* unmanaged<nint, ulong, void*, void>)Load(instance, device, "vkDestroyBuffer");
        GetBufferMemoryRequirements = (delegate* unmanaged<nint, ulong, VkMemoryRequirements*, void>)Load(instance, device, "vkGetBufferMemoryRequirements");
        AllocateMemory = (delegate* unmanaged<nint, VkMemoryAllocateInfo*, void*, ulong*, VkResult>)Load(instance, device, "vkAllocateMemory");
        FreeMemory = (delegate* unmanaged<nint, ulong, void*, void>)Load(instance, device, "vkFreeMemory");
        BindBufferMemory = (delegate* unmanaged<nint, ulong, ulong, ulong, VkResult>)Load(instance, device, "vkBindBufferMemory");
        MapMemory = (delegate* unmanaged<nint, ulong, ulong, ulong, uint, void**, VkResult>)Load(instance, device, "vkMapMemory");
        UnmapMemory = (delegate* unmanaged<nint, ulong, void>)Load(instance, device, "vkUnmapMemory");
        GetBufferDeviceAddress = (delegate* unmanaged<nint, VkBufferDeviceAddressInfo*, ulong>)Load(instance, device, "vkGetBufferDeviceAddress");
        CreateShaderModule = (delegate* unmanaged<nint, VkShaderModuleCreateInfo*, void*, ulong*, VkResult>)Load(instance, device, "vkCreateShaderModule");
        DestroyShaderModule = (delegate* unmanaged<nint, ulong, void*, void>)Load(instance, device, "vkDestroyShaderModule");
        CreateDescriptorSetLayout = (delegate* unmanaged<nint, VkDescriptorSetLayoutCreateInfo*, void*, ulong*, VkResult>)Load(instance, device, "vkCreateDescriptorSetLayout");
        DestroyDescriptorSetLayout = (delegate* unmanaged<nint, ulong, void*, void>)Load(instance, device, "vkDestroyDescriptorSetLayout");
        CreatePipelineLayout = (delegate* unmanaged<nint, VkPipelineLayoutCreateInfo*, void*, ulong*, VkResult>)Load(instance, device, "vkCreatePipelineLayout");
        DestroyPipelineLayout = (delegate* unmanaged<nint, ulong, void*, void>)Load(instance, device, "vkDestroyPipelineLayout");
        CreatePipelineCache = (delegate* unmanaged<nint, VkPipelineCacheCreateInfo*, void*, ulong*, VkResult>)Load(instance, device, "vkCreatePipelineCache");
        DestroyPipelineCache = (delegate* unmanaged<nint, ulong, void*, void>)Load(instance, device, "vkDestroyPipelineCache");
        CreateComputePipelines = (delegate* unmanaged<nint, ulong, uint, VkComputePipelineCreateInfo*, void*, ulong*, VkResult>)Load(instance, device, "vkCreateComputePipelines");
        DestroyPipeline = (delegate* unmanaged<nint, ulong, void*, void>)Load(instance, device, "vkDestroyPipeline");
        CreateDescriptorPool = (delegate* unmanaged<nint, VkDescriptorPoolCreateInfo*, void*, ulong*, VkResult>)Load(instance, device, "vkCreateDescriptorPool");
        DestroyDescriptorPool = (delegate* unmanaged<nint, ulong, void*, void>)Load(instance, device, "vkDestroyDescriptorPool");
        AllocateDescriptorSets = (delegate* unmanaged<nint, VkDescriptorSetAllocateInfo*, ulong*, VkResult>)Load(instance, device, "vkAllocateDescriptorSets");
        UpdateDescriptorSets = (delegate* unmanaged<nint, uint, VkWriteDescriptorSet*, uint, void*, void>)Load(instance, device, "vkUpdateDescriptorSets");
        CreateCommandPool = (delegate* unmanaged<nint, VkCommandPoolCreateInfo*, void*, ulong*, VkResult>)Load(instance, device, "vkCreateCommandPool");
        DestroyCommandPool = (delegate* unmanaged<nint, ulong, void*, void>)Load(instance, device, "vkDestroyCommandPool");
        AllocateCommandBuffers = (delegate* unmanaged<nint, VkCommandBufferAllocateInfo*, nint*, VkResult>)Load(instance, device, "vkAllocateCommandBuffers");
        ResetCommandBuffer = (delegate* unmanaged<nint, uint, VkResult>)Load(instance, device, "vkResetCommandBuffer");
        BeginCommandBuffer = (delegate* unmanaged<nint, VkCommandBufferBeginInfo*, VkResult>)Load(instance, device, "vkBeginCommandBuffer");
        EndCommandBuffer = (delegate* unmanaged<nint, VkResult>)Load(instance, device, "vkEndCommandBuffer");
        CmdBindPipeline = (delegate* unmanaged<nint, uint, ulong, void>)Load(instance, device, "vkCmdBindPipeline");
        CmdBindDescriptorSets = (delegate* unmanaged<nint, uint, ulong, uint, uint, ulong*, uint, uint*, void>)Load(instance, device, "vkCmdBindDescriptorSets");
        CmdPushConstants = (delegate* unmanaged<nint, ulong, uint, uint, uint, void*, void>)Load(instance, device, "vkCmdPushConstants");
        CmdDispatch = (delegate* unmanaged<nint, uint, uint, uint, void>)Load(instance, device, "vkCmdDispatch");
        CmdPipelineBarrier = (delegate* unmanaged<nint, uint, uint, uint, uint, VkMemoryBarrier*, uint, void*, uint, void*, void>)Load(instance, device, "vkCmdPipelineBarrier");
        CmdCopyBuffer = (delegate* unmanaged<nint, ulong, ulong, uint, VkBufferCopy*, void>)Load(instance, device, "vkCmdCopyBuffer");
        CmdFillBuffer = (delegate* unmanaged<nint, ulong, ulong, ulong, uint, void>)Load(instance, device, "vkCmdFillBuffer");
        QueueSubmit = (delegate* unmanaged<nint, uint, VkSubmitInfo*, ulong, VkResult>)Load(instance, device, "vkQueueSubmit");
        CreateFence = (delegate* unmanaged<nint, VkFenceCreateInfo*, void*, ulong*, VkResult>)Load(instance, device, "vkCreateFence");
        DestroyFence = (delegate* unmanaged<nint, ulong, void*, void>)Load(instance, device, "vkDestroyFence");
        WaitForFences = (delegate* unmanaged<nint, uint, ulong*, uint, ulong, VkResult>)Load(instance, device, "vkWaitForFences");
        ResetFences = (delegate* unmanaged<nint, uint, ulong*, VkResult>)Load(instance, device, "vkResetFences");
        CreateSemaphore = (delegate* unmanaged<nint, VkSemaphoreCreateInfo*, void*, ulong*, VkResult>)Load(instance, device, "vkCreateSemaphore");
        DestroySemaphore = (delegate* unmanaged<nint, ulong, void*, void>)Load(instance, device, "vkDestroySemaphore");
        GetSemaphoreCounterValue = (delegate* unmanaged<nint, ulong, ulong*, VkResult>)Load(instance, device, "vkGetSemaphoreCounterValue");
        WaitSemaphores = (delegate* unmanaged<nint, VkSemaphoreWaitInfo*, ulong, VkResult>)Load(instance, device, "vkWaitSemaphores");
        SignalSemaphore = (delegate* unmanaged<nint, VkSemaphoreSignalInfo*, VkResult>)Load(instance, device, "vkSignalSemaphore");
    }

    public delegate* unmanaged<nint, void*, void> DestroyDevice { get; }

    public delegate* unmanaged<nint, VkResult> DeviceWaitIdle { get; }

    public delegate* unmanaged<nint, uint, uint, nint*, void> GetDeviceQueue { get; }

    public delegate* unmanaged<nint, VkBufferCreateInfo*, void*, ulong*, VkResult> CreateBuffer { get; }

    public delegate* unmanaged<nint, ulong, void*, void> DestroyBuffer { get; }

    public delegate* unmanaged<nint, ulong, VkMemoryRequirements*, void> GetBufferMemoryRequirements { get; }

    public delegate* unmanaged<nint, VkMemoryAllocateInfo*, void*, ulong*, VkResult> AllocateMemory { get; }

    public delegate* unmanaged<nint, ulong, void*, void> FreeMemory { get; }

    public delegate* unmanaged<nint, ulong, ulong, ulong, VkResult> BindBufferMemory { get; }

    public delegate* unmanaged<nint, ulong, ulong, ulong, uint, void**, VkResult> MapMemory { get; }

    public delegate* unmanaged<nint, ulong, void> UnmapMemory { get; }

    public delegate* unmanaged<nint, VkBufferDeviceAddressInfo*, ulong> GetBufferDeviceAddress { get; }

    public delegate* unmanaged<nint, VkShaderModuleCreateInfo*, void*, ulong*, VkResult> CreateShaderModule { get; }

    public delegate* unmanaged<nint, ulong, void*, void> DestroyShaderModule { get; }

    public delegate* unmanaged<nint, VkDescriptorSetLayoutCreateInfo*, void*, ulong*, VkResult> CreateDescriptorSetLayout { get; }

    public delegate* unmanaged<nint, ulong, void*, void> DestroyDescriptorSetLayout { get; }

    public delegate* unmanaged<nint, VkPipelineLayoutCreateInfo*, void*, ulong*, VkResult> CreatePipelineLayout { get; }

    public delegate* unmanaged<nint, ulong, void*, void> DestroyPipelineLayout { get; }

    public delegate* unmanaged<nint, VkPipelineCacheCreateInfo*, void*, ulong*, VkResult> CreatePipelineCache { get; }

    public delegate* unmanaged<nint, ulong, void*, void> DestroyPipelineCache { get; }

    public delegate* unmanaged<nint, ulong, uint, VkComputePipelineCreateInfo*, void*, ulong*, VkResult> CreateComputePipelines { get; }

    public delegate* unmanaged<nint, ulong, void*, void> DestroyPipeline { get; }

    public delegate* unmanaged<nint, VkDescriptorPoolCreateInfo*, void*, ulong*, VkResult> CreateDescriptorPool { get; }

    public delegate* unmanaged<nint, ulong, void*, void> DestroyDescriptorPool { get; }

    public delegate* unmanaged<nint, VkDescriptorSetAllocateInfo*, ulong*, VkResult> AllocateDescriptorSets { get; }

    public delegate* unmanaged<nint, uint, VkWriteDescriptorSet*, uint, void*, void> UpdateDescriptorSets { get; }

    public delegate* unmanaged<nint, VkCommandPoolCreateInfo*, void*, ulong*, VkResult> CreateCommandPool { get; }

    public delegate* unmanaged<nint, ulong, void*, void> DestroyCommandPool { get; }

    public delegate* unmanaged<nint, VkCommandBufferAllocateInfo*, nint*, VkResult> AllocateCommandBuffers { get; }

    public delegate* unmanaged<nint, uint, VkResult> ResetCommandBuffer { get; }

    public delegate* unmanaged<nint, VkCommandBufferBeginInfo*, VkResult> BeginCommandBuffer { get; }

    public delegate* unmanaged<nint, VkResult> EndCommandBuffer { get; }

    public delegate* unmanaged<nint, uint, ulong, void> CmdBindPipeline { get; }

    public delegate* unmanaged<nint, uint, ulong, uint, uint, ulong*, uint, uint*, void> CmdBindDescriptorSets { get; }

    public delegate* unmanaged<nint, ulong, uint, uint, uint, void*, void> CmdPushConstants { get; }

    public delegate* unmanaged<nint, uint, uint, uint, void> CmdDispatch { get; }

    public delegate* unmanaged<nint, uint, uint, uint, uint, VkMemoryBarrier*, uint, void*, uint, void*, void> CmdPipelineBarrier { get; }

    public delegate* unmanaged<nint, ulong, ulong, uint, VkBufferCopy*, void> CmdCopyBuffer { get; }

    public delegate* unmanaged<nint, ulong, ulong, ulong, uint, void> CmdFillBuffer { get; }

    public delegate* unmanaged<nint, uint, VkSubmitInfo*, ulong, VkResult> QueueSubmit { get; }

    public delegate* unmanaged<nint, VkFenceCreateInfo*, void*, ulong*, VkResult> CreateFence { get; }

    public delegate* unmanaged<nint, ulong, void*, void> DestroyFence { get; }

    public delegate* unmanaged<nint, uint, ulong*, uint, ulong, VkResult> WaitForFences { get; }

    public delegate* unmanaged<nint, uint, ulong*, VkResult> ResetFences { get; }

    public delegate* unmanaged<nint, VkSemaphoreCreateInfo*, void*, ulong*, VkResult> CreateSemaphore { get; }

    public delegate* unmanaged<nint, ulong, void*, void> DestroySemaphore { get; }

    public delegate* unmanaged<nint, ulong, ulong*, VkResult> GetSemaphoreCounterValue { get; }

    public delegate* unmanaged<nint, VkSemaphoreWaitInfo*, ulong, VkResult> WaitSemaphores { get; }

    public delegate* unmanaged<nint, VkSemaphoreSignalInfo*, VkResult> SignalSemaphore { get; }

    private static nint Load(InstanceFunctions instance, nint device, string name)
    {
        byte[] utf8 = Encoding.UTF8.GetBytes(name + '\0');
        fixed (byte* pointer = utf8)
        {
            nint address = instance.GetDeviceProcAddr(device, pointer);
            return address != 0 ? address : throw new EntryPointNotFoundException($"The Vulkan device has no {name}; the backend needs Vulkan 1.2.");
        }
    }
}

namespace RingKernel.Vulkan;

/// <summary>A Vulkan command returned an error: the message names the command and the result, e.g. "vkCreateDevice failed: VK_ERROR_INITIALIZATION_FAILED".</summary>
public sealed class VulkanException : Exception
{
    public VulkanException(string command, int result, string resultName)
        : base($"{command} failed: {resultName}")
    {
        Command = command;
        Result = result;
        ResultName = resultName;
    }

    /// <summary>The command that failed, e.g. "vkAllocateMemory".</summary>
    public string Command { get; }

    /// <summary>The VkResult value.</summary>
    public int Result { get; }

    /// <summary>The VkResult's name in the specification, e.g. "VK_ERROR_OUT_OF_DEVICE_MEMORY".</summary>
    public string ResultName { get; }
}

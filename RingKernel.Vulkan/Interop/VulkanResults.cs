namespace RingKernel.Vulkan.Interop;

/// <summary>Turns a failed <see cref="VkResult"/> into a <see cref="VulkanException"/> naming the command.</summary>
internal static class VulkanResults
{
    /// <summary>Throws unless <paramref name="result"/> is VK_SUCCESS.</summary>
    public static void Check(VkResult result, string command)
    {
        if (result != VkResult.Success)
            throw new VulkanException(command, (int)result, Name(result));
    }

    /// <summary>The specification's name of <paramref name="result"/>: ErrorOutOfDeviceMemory is VK_ERROR_OUT_OF_DEVICE_MEMORY.</summary>
    public static string Name(VkResult result)
    {
        if (!Enum.IsDefined(result))
            return $"VkResult {(int)result}";
        string pascal = result.ToString();
        var name = new System.Text.StringBuilder("VK", pascal.Length + 8);
        foreach (char c in pascal)
        {
            if (char.IsUpper(c))
                name.Append('_');
            name.Append(char.ToUpperInvariant(c));
        }

        return name.ToString();
    }
}

using System.Reflection;
using Silk.NET.Core.Attributes;
using Silk.NET.Vulkan;

namespace RingKernel.Vulkan.Interop;

/// <summary>Turns a failed <see cref="Result"/> into a <see cref="VulkanException"/> naming the command.</summary>
internal static class VulkanResults
{
    /// <summary>Throws unless <paramref name="result"/> is VK_SUCCESS.</summary>
    public static void Check(Result result, string command)
    {
        if (result != Result.Success)
            throw new VulkanException(command, (int)result, Name(result));
    }

    /// <summary>The specification's name of <paramref name="result"/>, e.g. VK_ERROR_OUT_OF_DEVICE_MEMORY.</summary>
    public static string Name(Result result)
    {
        // Values promoted to core keep their extension aliases (ErrorOutOfPoolMemoryKhr); the core name is the shortest.
        FieldInfo? member = typeof(Result).GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(field => (Result)field.GetValue(null)! == result)
            .MinBy(field => field.Name.Length);
        string? name = member?.GetCustomAttributes<NativeNameAttribute>().FirstOrDefault(attribute => attribute.Category == "Name")?.Name;
        return name ?? $"VkResult {(int)result}";
    }
}

// A plain C Vulkan program doing what `compare vulkan` times through RingKernel.Vulkan, with the same
// SPIR-V modules, specialization constants, descriptor layout and push constants, so the suite can put
// the backend's figures next to what Vulkan itself costs on the same device.
//
//   vulkan_baseline heat  DEVICE SHADER.spv N ALPHA WGX WGY FIELD_IN WARMUP
//       Heat steps on a periodic N x N float grid (heat2d_step.spv or heat2d_step_shared.spv),
//       starting from the N*N floats in FIELD_IN, after WARMUP untimed steps. Then, one command a
//       line on standard input:
//         steps K      K timed steps; prints "mcells-per-s X" and "cpu-ns-per-cell Y"
//         save PATH    writes the current field (N*N raw floats) to PATH
//   vulkan_baseline empty DEVICE SHADER.spv WARMUP
//       One-thread dispatches of empty.spv, after WARMUP untimed ones; then:
//         dispatches K K timed dispatches; prints "us-per-dispatch X" and "cpu-us-per-dispatch Y"
//
// It starts by printing "device NAME", and ends each answer with a line "done", so a caller can
// alternate its own runs with this program's without paying its start-up each time. DEVICE is the
// index of the physical device in the loader's enumeration. Each step records one command buffer
// (bind pipeline, bind descriptor set, push constants, dispatch, memory barrier), submits it with a
// fence and waits on the fence. Ping-pong buffers use two descriptor sets written once. Times are
// wall clock (CLOCK_MONOTONIC) and this process's CPU time (CLOCK_PROCESS_CPUTIME_ID, lavapipe's
// threads included).
//
// Build: gcc -O2 -std=c11 -o vulkan_baseline vulkan_baseline.c -lvulkan
//        (Debian: apt-get install gcc libvulkan-dev; running needs libvulkan1 and a driver.)
#define _POSIX_C_SOURCE 199309L
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <vulkan/vulkan.h>

#define CHECK(call)                                                                  \
    do {                                                                             \
        VkResult result_ = (call);                                                   \
        if (result_ != VK_SUCCESS) {                                                 \
            fprintf(stderr, "%s failed: VkResult %d (line %d)\n", #call, result_, __LINE__); \
            exit(1);                                                                 \
        }                                                                            \
    } while (0)

static void fail(const char *message, const char *detail)
{
    fprintf(stderr, "%s%s%s\n", message, detail ? ": " : "", detail ? detail : "");
    exit(1);
}

static double seconds(clockid_t clock)
{
    struct timespec t;
    clock_gettime(clock, &t);
    return (double)t.tv_sec + (double)t.tv_nsec * 1e-9;
}

// Ends an answer: the caller reads up to this line.
static void done(void)
{
    printf("done\n");
    fflush(stdout);
}

static void *read_file(const char *path, size_t *size)
{
    FILE *file = fopen(path, "rb");
    if (!file)
        fail("cannot open", path);
    fseek(file, 0, SEEK_END);
    long length = ftell(file);
    fseek(file, 0, SEEK_SET);
    void *data = malloc((size_t)length);
    if (!data || fread(data, 1, (size_t)length, file) != (size_t)length)
        fail("cannot read", path);
    fclose(file);
    *size = (size_t)length;
    return data;
}

typedef struct {
    VkInstance instance;
    VkPhysicalDevice physical;
    VkDevice device;
    VkQueue queue;
    uint32_t family;
    VkCommandPool pool;
    VkCommandBuffer commands;
    VkFence fence;
} Context;

static Context open_device(int index)
{
    Context c = {0};
    VkApplicationInfo app = {
        .sType = VK_STRUCTURE_TYPE_APPLICATION_INFO,
        .pApplicationName = "vulkan_baseline",
        .apiVersion = VK_API_VERSION_1_3,
    };
    VkInstanceCreateInfo instance_info = {.sType = VK_STRUCTURE_TYPE_INSTANCE_CREATE_INFO, .pApplicationInfo = &app};
    CHECK(vkCreateInstance(&instance_info, NULL, &c.instance));

    uint32_t count = 0;
    CHECK(vkEnumeratePhysicalDevices(c.instance, &count, NULL));
    if (index < 0 || (uint32_t)index >= count)
        fail("no such physical device index", NULL);
    VkPhysicalDevice *devices = calloc(count, sizeof *devices);
    CHECK(vkEnumeratePhysicalDevices(c.instance, &count, devices));
    c.physical = devices[index];
    free(devices);

    VkPhysicalDeviceProperties properties;
    vkGetPhysicalDeviceProperties(c.physical, &properties);
    printf("device %s\n", properties.deviceName);

    // The first family with compute, as the backend picks.
    uint32_t families = 0;
    vkGetPhysicalDeviceQueueFamilyProperties(c.physical, &families, NULL);
    VkQueueFamilyProperties *family = calloc(families, sizeof *family);
    vkGetPhysicalDeviceQueueFamilyProperties(c.physical, &families, family);
    c.family = UINT32_MAX;
    for (uint32_t i = 0; i < families && c.family == UINT32_MAX; i++) {
        if ((family[i].queueFlags & VK_QUEUE_COMPUTE_BIT) && family[i].queueCount > 0)
            c.family = i;
    }
    free(family);
    if (c.family == UINT32_MAX)
        fail("the device has no compute queue", NULL);

    float priority = 1.0f;
    VkDeviceQueueCreateInfo queue_info = {
        .sType = VK_STRUCTURE_TYPE_DEVICE_QUEUE_CREATE_INFO,
        .queueFamilyIndex = c.family,
        .queueCount = 1,
        .pQueuePriorities = &priority,
    };
    VkDeviceCreateInfo device_info = {
        .sType = VK_STRUCTURE_TYPE_DEVICE_CREATE_INFO,
        .queueCreateInfoCount = 1,
        .pQueueCreateInfos = &queue_info,
    };
    CHECK(vkCreateDevice(c.physical, &device_info, NULL, &c.device));
    vkGetDeviceQueue(c.device, c.family, 0, &c.queue);

    VkCommandPoolCreateInfo pool_info = {
        .sType = VK_STRUCTURE_TYPE_COMMAND_POOL_CREATE_INFO,
        .flags = VK_COMMAND_POOL_CREATE_RESET_COMMAND_BUFFER_BIT,
        .queueFamilyIndex = c.family,
    };
    CHECK(vkCreateCommandPool(c.device, &pool_info, NULL, &c.pool));
    VkCommandBufferAllocateInfo allocate = {
        .sType = VK_STRUCTURE_TYPE_COMMAND_BUFFER_ALLOCATE_INFO,
        .commandPool = c.pool,
        .level = VK_COMMAND_BUFFER_LEVEL_PRIMARY,
        .commandBufferCount = 1,
    };
    CHECK(vkAllocateCommandBuffers(c.device, &allocate, &c.commands));
    VkFenceCreateInfo fence_info = {.sType = VK_STRUCTURE_TYPE_FENCE_CREATE_INFO};
    CHECK(vkCreateFence(c.device, &fence_info, NULL, &c.fence));
    return c;
}

static void close_device(Context *c)
{
    vkDestroyFence(c->device, c->fence, NULL);
    vkDestroyCommandPool(c->device, c->pool, NULL);
    vkDestroyDevice(c->device, NULL);
    vkDestroyInstance(c->instance, NULL);
}

typedef struct {
    VkDescriptorSetLayout set_layout;
    VkPipelineLayout layout;
    VkPipeline pipeline;
} Pipeline;

// A compute pipeline over `buffers` storage buffers at set 0 and `push_bytes` of push constants, its
// workgroup size given by specialization constants 0, 1 and 2.
static Pipeline create_pipeline(const Context *c, const char *spirv_path, uint32_t buffers, uint32_t push_bytes, const uint32_t workgroup[3])
{
    Pipeline p = {0};
    VkDescriptorSetLayoutBinding bindings[4];
    for (uint32_t i = 0; i < buffers; i++) {
        bindings[i] = (VkDescriptorSetLayoutBinding){
            .binding = i,
            .descriptorType = VK_DESCRIPTOR_TYPE_STORAGE_BUFFER,
            .descriptorCount = 1,
            .stageFlags = VK_SHADER_STAGE_COMPUTE_BIT,
        };
    }
    VkDescriptorSetLayoutCreateInfo set_info = {
        .sType = VK_STRUCTURE_TYPE_DESCRIPTOR_SET_LAYOUT_CREATE_INFO,
        .bindingCount = buffers,
        .pBindings = bindings,
    };
    CHECK(vkCreateDescriptorSetLayout(c->device, &set_info, NULL, &p.set_layout));
    VkPushConstantRange range = {.stageFlags = VK_SHADER_STAGE_COMPUTE_BIT, .offset = 0, .size = push_bytes};
    VkPipelineLayoutCreateInfo layout_info = {
        .sType = VK_STRUCTURE_TYPE_PIPELINE_LAYOUT_CREATE_INFO,
        .setLayoutCount = 1,
        .pSetLayouts = &p.set_layout,
        .pushConstantRangeCount = push_bytes > 0 ? 1 : 0,
        .pPushConstantRanges = &range,
    };
    CHECK(vkCreatePipelineLayout(c->device, &layout_info, NULL, &p.layout));

    size_t size;
    uint32_t *code = read_file(spirv_path, &size);
    VkShaderModuleCreateInfo module_info = {.sType = VK_STRUCTURE_TYPE_SHADER_MODULE_CREATE_INFO, .codeSize = size, .pCode = code};
    VkShaderModule module;
    CHECK(vkCreateShaderModule(c->device, &module_info, NULL, &module));
    free(code);

    VkSpecializationMapEntry entries[3];
    for (uint32_t i = 0; i < 3; i++)
        entries[i] = (VkSpecializationMapEntry){.constantID = i, .offset = i * 4, .size = 4};
    VkSpecializationInfo specialization = {.mapEntryCount = 3, .pMapEntries = entries, .dataSize = 12, .pData = workgroup};
    VkComputePipelineCreateInfo pipeline_info = {
        .sType = VK_STRUCTURE_TYPE_COMPUTE_PIPELINE_CREATE_INFO,
        .stage = {
            .sType = VK_STRUCTURE_TYPE_PIPELINE_SHADER_STAGE_CREATE_INFO,
            .stage = VK_SHADER_STAGE_COMPUTE_BIT,
            .module = module,
            .pName = "main",
            .pSpecializationInfo = &specialization,
        },
        .layout = p.layout,
        .basePipelineIndex = -1,
    };
    CHECK(vkCreateComputePipelines(c->device, VK_NULL_HANDLE, 1, &pipeline_info, NULL, &p.pipeline));
    vkDestroyShaderModule(c->device, module, NULL);
    return p;
}

typedef struct {
    VkBuffer buffer;
    VkDeviceMemory memory;
    void *mapped;
} Buffer;

// A storage buffer in HOST_VISIBLE | HOST_COHERENT memory, mapped: the memory the backend's buffers use.
static Buffer create_buffer(const Context *c, VkDeviceSize bytes)
{
    Buffer b = {0};
    VkBufferCreateInfo info = {
        .sType = VK_STRUCTURE_TYPE_BUFFER_CREATE_INFO,
        .size = bytes,
        .usage = VK_BUFFER_USAGE_STORAGE_BUFFER_BIT,
        .sharingMode = VK_SHARING_MODE_EXCLUSIVE,
    };
    CHECK(vkCreateBuffer(c->device, &info, NULL, &b.buffer));
    VkMemoryRequirements requirements;
    vkGetBufferMemoryRequirements(c->device, b.buffer, &requirements);
    VkPhysicalDeviceMemoryProperties memory;
    vkGetPhysicalDeviceMemoryProperties(c->physical, &memory);
    const VkMemoryPropertyFlags wanted = VK_MEMORY_PROPERTY_HOST_VISIBLE_BIT | VK_MEMORY_PROPERTY_HOST_COHERENT_BIT;
    uint32_t type = UINT32_MAX;
    for (uint32_t i = 0; i < memory.memoryTypeCount && type == UINT32_MAX; i++) {
        if ((requirements.memoryTypeBits & (1u << i)) && (memory.memoryTypes[i].propertyFlags & wanted) == wanted)
            type = i;
    }
    if (type == UINT32_MAX)
        fail("no HOST_VISIBLE | HOST_COHERENT memory for a storage buffer", NULL);
    VkMemoryAllocateInfo allocate = {
        .sType = VK_STRUCTURE_TYPE_MEMORY_ALLOCATE_INFO,
        .allocationSize = requirements.size,
        .memoryTypeIndex = type,
    };
    CHECK(vkAllocateMemory(c->device, &allocate, NULL, &b.memory));
    CHECK(vkBindBufferMemory(c->device, b.buffer, b.memory, 0));
    CHECK(vkMapMemory(c->device, b.memory, 0, VK_WHOLE_SIZE, 0, &b.mapped));
    return b;
}

// Records one dispatch (and a barrier making its writes visible to later shaders, copies and the
// host, as the backend records), submits it and waits for it.
static void dispatch(const Context *c, const Pipeline *p, const VkDescriptorSet *set, const void *push, uint32_t push_bytes,
                     uint32_t groups_x, uint32_t groups_y)
{
    CHECK(vkResetCommandBuffer(c->commands, 0));
    VkCommandBufferBeginInfo begin = {
        .sType = VK_STRUCTURE_TYPE_COMMAND_BUFFER_BEGIN_INFO,
        .flags = VK_COMMAND_BUFFER_USAGE_ONE_TIME_SUBMIT_BIT,
    };
    CHECK(vkBeginCommandBuffer(c->commands, &begin));
    vkCmdBindPipeline(c->commands, VK_PIPELINE_BIND_POINT_COMPUTE, p->pipeline);
    if (set)
        vkCmdBindDescriptorSets(c->commands, VK_PIPELINE_BIND_POINT_COMPUTE, p->layout, 0, 1, set, 0, NULL);
    if (push_bytes)
        vkCmdPushConstants(c->commands, p->layout, VK_SHADER_STAGE_COMPUTE_BIT, 0, push_bytes, push);
    vkCmdDispatch(c->commands, groups_x, groups_y, 1);
    VkMemoryBarrier barrier = {
        .sType = VK_STRUCTURE_TYPE_MEMORY_BARRIER,
        .srcAccessMask = VK_ACCESS_SHADER_WRITE_BIT,
        .dstAccessMask = VK_ACCESS_SHADER_READ_BIT | VK_ACCESS_SHADER_WRITE_BIT | VK_ACCESS_TRANSFER_READ_BIT
                       | VK_ACCESS_TRANSFER_WRITE_BIT | VK_ACCESS_HOST_READ_BIT | VK_ACCESS_HOST_WRITE_BIT,
    };
    vkCmdPipelineBarrier(c->commands, VK_PIPELINE_STAGE_COMPUTE_SHADER_BIT,
                         VK_PIPELINE_STAGE_COMPUTE_SHADER_BIT | VK_PIPELINE_STAGE_TRANSFER_BIT | VK_PIPELINE_STAGE_HOST_BIT,
                         0, 1, &barrier, 0, NULL, 0, NULL);
    CHECK(vkEndCommandBuffer(c->commands));
    VkSubmitInfo submit = {.sType = VK_STRUCTURE_TYPE_SUBMIT_INFO, .commandBufferCount = 1, .pCommandBuffers = &c->commands};
    CHECK(vkQueueSubmit(c->queue, 1, &submit, c->fence));
    CHECK(vkWaitForFences(c->device, 1, &c->fence, VK_TRUE, UINT64_MAX));
    CHECK(vkResetFences(c->device, 1, &c->fence));
}

static int heat(int argc, char **argv)
{
    if (argc != 10)
        fail("usage: vulkan_baseline heat DEVICE SHADER.spv N ALPHA WGX WGY FIELD_IN WARMUP", NULL);
    Context c = open_device(atoi(argv[2]));
    uint32_t n = (uint32_t)atoi(argv[4]);
    float alpha = strtof(argv[5], NULL);
    uint32_t workgroup[3] = {(uint32_t)atoi(argv[6]), (uint32_t)atoi(argv[7]), 1};
    int warmup = atoi(argv[9]);
    VkDeviceSize bytes = (VkDeviceSize)n * n * sizeof(float);

    size_t size;
    float *start = read_file(argv[8], &size);
    if (size != bytes)
        fail("the starting field does not hold N*N floats", argv[8]);
    Buffer field[2] = {create_buffer(&c, bytes), create_buffer(&c, bytes)};
    memcpy(field[0].mapped, start, bytes);
    memset(field[1].mapped, 0, bytes);
    free(start);

    // Push constants as the backend packs them: width, height, periodic, fixed value, alpha.
    struct {
        uint32_t width, height, periodic;
        float fixed_value, alpha;
    } push = {n, n, 1, 0.0f, alpha};
    Pipeline p = create_pipeline(&c, argv[3], 2, sizeof push, workgroup);

    // Two sets, one per direction of the ping-pong, written once.
    VkDescriptorPoolSize pool_size = {.type = VK_DESCRIPTOR_TYPE_STORAGE_BUFFER, .descriptorCount = 4};
    VkDescriptorPoolCreateInfo pool_info = {
        .sType = VK_STRUCTURE_TYPE_DESCRIPTOR_POOL_CREATE_INFO,
        .maxSets = 2,
        .poolSizeCount = 1,
        .pPoolSizes = &pool_size,
    };
    VkDescriptorPool pool;
    CHECK(vkCreateDescriptorPool(c.device, &pool_info, NULL, &pool));
    VkDescriptorSetLayout layouts[2] = {p.set_layout, p.set_layout};
    VkDescriptorSetAllocateInfo allocate = {
        .sType = VK_STRUCTURE_TYPE_DESCRIPTOR_SET_ALLOCATE_INFO,
        .descriptorPool = pool,
        .descriptorSetCount = 2,
        .pSetLayouts = layouts,
    };
    VkDescriptorSet sets[2];
    CHECK(vkAllocateDescriptorSets(c.device, &allocate, sets));
    for (int s = 0; s < 2; s++) {
        VkDescriptorBufferInfo infos[2] = {
            {.buffer = field[s].buffer, .offset = 0, .range = VK_WHOLE_SIZE},
            {.buffer = field[1 - s].buffer, .offset = 0, .range = VK_WHOLE_SIZE},
        };
        VkWriteDescriptorSet writes[2];
        for (uint32_t i = 0; i < 2; i++) {
            writes[i] = (VkWriteDescriptorSet){
                .sType = VK_STRUCTURE_TYPE_WRITE_DESCRIPTOR_SET,
                .dstSet = sets[s],
                .dstBinding = i,
                .descriptorCount = 1,
                .descriptorType = VK_DESCRIPTOR_TYPE_STORAGE_BUFFER,
                .pBufferInfo = &infos[i],
            };
        }
        vkUpdateDescriptorSets(c.device, 2, writes, 0, NULL);
    }

    uint32_t groups_x = (n + workgroup[0] - 1) / workgroup[0], groups_y = (n + workgroup[1] - 1) / workgroup[1];
    int current = 0;
    for (int i = 0; i < warmup; i++, current ^= 1)
        dispatch(&c, &p, &sets[current], &push, sizeof push, groups_x, groups_y);
    done();

    char line[4096];
    while (fgets(line, sizeof line, stdin)) {
        line[strcspn(line, "\n")] = 0;
        if (strncmp(line, "steps ", 6) == 0) {
            int steps = atoi(line + 6);
            double wall = seconds(CLOCK_MONOTONIC), cpu = seconds(CLOCK_PROCESS_CPUTIME_ID);
            for (int i = 0; i < steps; i++, current ^= 1)
                dispatch(&c, &p, &sets[current], &push, sizeof push, groups_x, groups_y);
            wall = seconds(CLOCK_MONOTONIC) - wall;
            cpu = seconds(CLOCK_PROCESS_CPUTIME_ID) - cpu;
            double cells = (double)n * n * steps;
            printf("mcells-per-s %.6g\n", cells / wall / 1e6);
            printf("cpu-ns-per-cell %.6g\n", cpu * 1e9 / cells);
        } else if (strncmp(line, "save ", 5) == 0) {
            FILE *out = fopen(line + 5, "wb");
            if (!out || fwrite(field[current].mapped, 1, bytes, out) != bytes || fclose(out) != 0)
                fail("cannot write", line + 5);
        } else {
            fail("unknown command", line);
        }
        done();
    }

    vkDestroyDescriptorPool(c.device, pool, NULL);
    vkDestroyPipeline(c.device, p.pipeline, NULL);
    vkDestroyPipelineLayout(c.device, p.layout, NULL);
    vkDestroyDescriptorSetLayout(c.device, p.set_layout, NULL);
    for (int i = 0; i < 2; i++) {
        vkDestroyBuffer(c.device, field[i].buffer, NULL);
        vkFreeMemory(c.device, field[i].memory, NULL);
    }
    close_device(&c);
    return 0;
}

static int empty(int argc, char **argv)
{
    if (argc != 5)
        fail("usage: vulkan_baseline empty DEVICE SHADER.spv WARMUP", NULL);
    Context c = open_device(atoi(argv[2]));
    int warmup = atoi(argv[4]);
    const uint32_t workgroup[3] = {1, 1, 1};
    Pipeline p = create_pipeline(&c, argv[3], 0, 0, workgroup);
    for (int i = 0; i < warmup; i++)
        dispatch(&c, &p, NULL, NULL, 0, 1, 1);
    done();

    char line[256];
    while (fgets(line, sizeof line, stdin)) {
        line[strcspn(line, "\n")] = 0;
        if (strncmp(line, "dispatches ", 11) != 0)
            fail("unknown command", line);
        int dispatches = atoi(line + 11);
        double wall = seconds(CLOCK_MONOTONIC), cpu = seconds(CLOCK_PROCESS_CPUTIME_ID);
        for (int i = 0; i < dispatches; i++)
            dispatch(&c, &p, NULL, NULL, 0, 1, 1);
        wall = seconds(CLOCK_MONOTONIC) - wall;
        cpu = seconds(CLOCK_PROCESS_CPUTIME_ID) - cpu;
        printf("us-per-dispatch %.6g\n", wall * 1e6 / dispatches);
        printf("cpu-us-per-dispatch %.6g\n", cpu * 1e6 / dispatches);
        done();
    }

    vkDestroyPipeline(c.device, p.pipeline, NULL);
    vkDestroyPipelineLayout(c.device, p.layout, NULL);
    vkDestroyDescriptorSetLayout(c.device, p.set_layout, NULL);
    close_device(&c);
    return 0;
}

int main(int argc, char **argv)
{
    if (argc >= 2 && strcmp(argv[1], "heat") == 0)
        return heat(argc, argv);
    if (argc >= 2 && strcmp(argv[1], "empty") == 0)
        return empty(argc, argv);
    fail("usage: vulkan_baseline heat|empty DEVICE SHADER.spv ...", NULL);
    return 2;
}

using System.Diagnostics;
using RingKernel.Cuda.Compilation;
using RingKernel.Cuda.RingKernels;
using RingKernel.Kernels;
using RingKernel.Kernels.Persistent;
using RingKernel.Layouts;
using RingKernel.Tests.Cpu.RingKernels;
using RingKernel.Tests.Cuda.HostBuild;
using RingKernel.Tests.Layouts;
using static RingKernel.Tests.Cpu.RingKernels.RingTestKernels;

namespace RingKernel.Tests.Cuda;

/// <summary>
/// The CUDA ring kernel (ring_echo.cu over ringkernel_loop.cuh) compiled for the host with g++ and run
/// as another process over the same shared memory as the C# rings: the device side of the protocol
/// (commands and acknowledgements, Vyukov sequences and batched commits on the input ring, the output
/// ring, CRC-32C both ways, fault and terminate semantics) is checked against the host side without a
/// GPU. What only a GPU can check (its memory model, scopes, __nanosleep) is left to the device tests.
/// </summary>
public sealed class RingKernelProtocolTests : IDisposable
{
    /// <summary>The kernels after <see cref="CudaHostPreamble"/>, and a main that runs them on memory a file maps.</summary>
    private const string HostHarness = CudaHostPreamble.Text + """
        #include "ring_echo.cu"
        #include <fcntl.h>
        #include <stdio.h>
        #include <stdlib.h>
        #include <sys/mman.h>
        #include <sys/stat.h>
        int main(int argc, char** argv)
        {
            if (argc != 8) { fprintf(stderr, "usage: file control input output checksummed reply_type poison|-\n"); return 2; }
            int fd = open(argv[1], O_RDWR);
            struct stat st;
            fstat(fd, &st);
            unsigned char* base = (unsigned char*)mmap(0, st.st_size, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
            bool has_poison = argv[7][0] != '-';
            ring_echo((ControlBlock*)(base + atoll(argv[2])), base + atoll(argv[3]), base + atoll(argv[4]), atoi(argv[5]), 0,
                      (rk_u32)atoi(argv[6]), has_poison ? atoll(argv[7]) : 0, has_poison ? 1 : 0);
            return 0;
        }
        """;

    private const uint NumberType = 1;

    private static readonly Lazy<string?> Compiled = new(CompileHarness);

    private readonly SharedFileMemory _shared = new(Path.Combine(Path.GetTempPath(), $"ringkernel-shm-{Guid.NewGuid():N}"), 1 << 20);

    private readonly List<Process> _kernels = [];

    /// <summary>A test that failed may leave its kernel looping: stop it before the memory goes.</summary>
    public void Dispose()
    {
        foreach (Process kernel in _kernels)
        {
            if (!kernel.HasExited)
            {
                kernel.Kill();
                kernel.WaitForExit();
            }

            kernel.Dispose();
        }

        _shared.Dispose();
    }

    [SkippableFact]
    public async Task The_kernel_acknowledges_commands_and_answers_every_request_in_order_with_checksums()
    {
        string harness = Harness();
        using RingKernelMemory memory = RingKernelMemory.Allocate(_shared, Options(), Types());
        var commands = new RingKernelCommands(memory);
        using var doorbell = new DoorbellLoop(memory, commands);
        commands.Post(KernelCommand.None);
        Process kernel = Start(harness, memory, poison: null);
        await Command(commands, memory, kernel, KernelCommand.None);

        // Inactive: the kernel consumes nothing.
        for (int i = 1; i <= 10; i++)
            await memory.Input.EnqueueAsync(new Number(i), new MessageHeader { CorrelationId = (ulong)i });
        await Command(commands, memory, kernel, KernelCommand.None);
        Assert.Equal(10, memory.Input.Ring.Count);
        Assert.Equal(0UL, memory.ControlBlock.MessagesProcessed);

        // Active: 300 requests through a 16-slot input ring and an 8-slot output ring, read as they come.
        await Command(commands, memory, kernel, KernelCommand.Active);
        Task<List<(ulong CorrelationId, long Value)>> reading = Task.Run(() => Replies(memory, 300));
        for (int i = 11; i <= 300; i++)
            await memory.Input.EnqueueAsync(new Number(i), new MessageHeader { CorrelationId = (ulong)i });

        List<(ulong CorrelationId, long Value)> replies = await reading;
        Assert.Equal(Enumerable.Range(1, 300).Select(i => ((ulong)i, (2L * i) + 1)), replies);
        await Command(commands, memory, kernel, KernelCommand.None);
        Assert.Equal(KernelStatus.Idle, memory.ControlBlock.Status);

        commands.Post(KernelCommand.Terminate);
        await ExitAsync(kernel);
        Assert.Equal(KernelStatus.Terminated, memory.ControlBlock.Status);
        Assert.Equal(commands.Epoch, memory.ControlBlock.AcknowledgedEpoch);
        Assert.Equal(300UL, memory.ControlBlock.MessagesProcessed);
        Assert.Equal(300UL, memory.ControlBlock.MessagesSent);
        Assert.Equal(0, memory.Input.Ring.Count);
        Assert.Equal(0u, memory.ControlBlock.ErrorCount);
        Assert.True(memory.ControlBlock.Heartbeat > 0);
    }

    [SkippableFact]
    public async Task A_fault_leaves_its_message_first_in_the_ring_and_a_relaunched_kernel_answers_the_rest_once()
    {
        string harness = Harness();
        const long poison = 777;
        using RingKernelMemory memory = RingKernelMemory.Allocate(_shared, Options(inputCapacity: 64), Types());
        var commands = new RingKernelCommands(memory);
        using var doorbell = new DoorbellLoop(memory, commands);
        long[] values = [.. Enumerable.Range(1, 50).Select(i => i == 40 ? poison : (long)i)];
        foreach ((long value, int i) in values.Select((v, i) => (v, i)))
            Assert.True(memory.Input.TryEnqueue(new Number(value), new MessageHeader { CorrelationId = (ulong)i + 1 }));

        commands.Post(KernelCommand.Active);
        Process first = Start(harness, memory, poison);
        List<(ulong CorrelationId, long Value)> received = await Replies(memory, 39);
        await ExitAsync(first);
        Assert.Equal(KernelStatus.Faulted, memory.ControlBlock.Status);
        Assert.Equal(KernelErrorCodes.BodyFault, memory.ControlBlock.LastError);
        Assert.Equal(39UL, memory.ControlBlock.MessagesProcessed);
        Assert.False(memory.Output.TryDequeue(out Number _, out MessageHeader _));
        Assert.Equal(11, memory.Input.Ring.Count);

        commands.Post(KernelCommand.Active);
        Process second = Start(harness, memory, poison: null);
        received.AddRange(await Replies(memory, 11));
        commands.Post(KernelCommand.Terminate);
        await ExitAsync(second);
        Assert.Equal(values.Select((v, i) => ((ulong)i + 1, (2 * v) + 1)), received);
        Assert.Equal(KernelStatus.Terminated, memory.ControlBlock.Status);
        Assert.Equal(50UL, memory.ControlBlock.MessagesProcessed);
        Assert.Equal(0, memory.Input.Ring.Count);
    }

    [SkippableFact]
    public async Task A_message_with_a_bad_checksum_is_skipped_and_counted_and_the_next_is_answered()
    {
        string harness = Harness();
        using RingKernelMemory memory = RingKernelMemory.Allocate(_shared, Options(), Types());
        var commands = new RingKernelCommands(memory);
        using var doorbell = new DoorbellLoop(memory, commands);
        Assert.True(memory.Input.TryEnqueue(new Number(1), new MessageHeader { CorrelationId = 1 }));
        Assert.True(memory.Input.TryEnqueue(new Number(2), new MessageHeader { CorrelationId = 2 }));
        CorruptPayloadOfSlot(memory, 0);

        commands.Post(KernelCommand.Active);
        Process kernel = Start(harness, memory, poison: null);
        Assert.Equal([(2UL, 5L)], await Replies(memory, 1));
        commands.Post(KernelCommand.Terminate);
        await ExitAsync(kernel);
        Assert.Equal(1u, memory.ControlBlock.ErrorCount);
        Assert.Equal(KernelErrorCodes.RejectedMessage, memory.ControlBlock.LastError);
        Assert.Equal(0, memory.Input.Ring.Count);
    }

    /// <summary>Rings the doorbell until disposed, as the CUDA backend's watcher thread does while a kernel runs.</summary>
    private sealed class DoorbellLoop : IDisposable
    {
        private readonly CancellationTokenSource _stop = new();
        private readonly Task _loop;

        public DoorbellLoop(RingKernelMemory memory, RingKernelCommands commands)
        {
            var doorbell = new DeviceDoorbell(memory, commands);
            _loop = Task.Run(() =>
            {
                while (!_stop.IsCancellationRequested)
                {
                    if (!doorbell.Poll())
                        Thread.Sleep(0);
                }

                doorbell.Finish();
            });
        }

        public void Dispose()
        {
            _stop.Cancel();
            _loop.GetAwaiter().GetResult();
            _stop.Dispose();
        }
    }

    private static LaunchOptions Options(int inputCapacity = 16) => new(1, 1) { InputRingCapacity = inputCapacity, OutputRingCapacity = 8 };

    private static string Harness()
    {
        Skip.If(!OperatingSystem.IsLinux(), "The host build of the kernel maps the shared file with POSIX mmap.");
        Skip.If(ExternalTool.Find("g++") is null, "g++ is not installed (Debian package g++); the CUDA ring protocol is then checked on a GPU only.");
        return Compiled.Value ?? throw new InvalidOperationException("g++ could not build the host harness (see the first failure).");
    }

    private static string? CompileHarness()
    {
        string gxx = ExternalTool.Find("g++")!;
        DirectoryInfo work = Directory.CreateTempSubdirectory("ringkernel-host-kernel-");
        foreach ((string name, string text) in CudaKernelSources.Headers)
            File.WriteAllText(Path.Combine(work.FullName, name), text);
        File.WriteAllText(Path.Combine(work.FullName, "ring_echo.cu"), CudaKernelSources.Read("ring_echo.cu"));
        File.WriteAllText(Path.Combine(work.FullName, "harness.cpp"), HostHarness);
        string output = Path.Combine(work.FullName, "ring_echo_host");
        (int exit, string messages) = ExternalTool.Run(gxx, work.FullName, "-std=c++17", "-O2", "-Wall", "-Werror", "-I.", "-o", output, "harness.cpp");
        Assert.True(exit == 0, $"g++ could not build ring_echo.cu for the host:\n{messages}");
        return output;
    }

    private Process Start(string harness, RingKernelMemory memory, long? poison)
    {
        // Both streams redirected: the child must not hold the test host's output open.
        var start = new ProcessStartInfo(harness) { UseShellExecute = false, RedirectStandardError = true, RedirectStandardOutput = true };
        unsafe
        {
            start.ArgumentList.Add(_shared.Path);
            start.ArgumentList.Add(((long)((byte*)memory.ControlBlockPointer - _shared.Base)).ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        start.ArgumentList.Add(_shared.OffsetOf(memory.Input.Ring.Buffer).ToString(System.Globalization.CultureInfo.InvariantCulture));
        start.ArgumentList.Add(_shared.OffsetOf(memory.Output.Ring.Buffer).ToString(System.Globalization.CultureInfo.InvariantCulture));
        start.ArgumentList.Add(memory.Output.Checksummed ? "1" : "0");
        start.ArgumentList.Add(NumberType.ToString(System.Globalization.CultureInfo.InvariantCulture));
        start.ArgumentList.Add(poison?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "-");
        Process kernel = Process.Start(start) ?? throw new InvalidOperationException("Could not start the host build of the kernel.");
        _kernels.Add(kernel);
        return kernel;
    }

    /// <summary>Posts a command and waits for the kernel's acknowledgement (the doorbell loop wakes the wait).</summary>
    private static async Task Command(RingKernelCommands commands, RingKernelMemory memory, Process kernel, KernelCommand command)
    {
        uint epoch = commands.Post(command);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        await commands.WaitForAcknowledgementAsync(epoch, kernel.WaitForExitAsync(), timeout.Token);
        if (kernel.HasExited)
            Assert.Fail($"The kernel exited with {kernel.ExitCode}: {await kernel.StandardError.ReadToEndAsync()}");
        Assert.Equal(epoch, memory.ControlBlock.AcknowledgedEpoch);
    }

    private static async Task<List<(ulong CorrelationId, long Value)>> Replies(RingKernelMemory memory, int count)
    {
        var replies = new List<(ulong, long)>(count);
        long deadline = Environment.TickCount64 + 20_000;
        while (replies.Count < count)
        {
            if (memory.Output.TryDequeue(out Number number, out MessageHeader header))
            {
                Assert.True((header.Flags & (MessageFlags.Reply | MessageFlags.Checksummed)) == (MessageFlags.Reply | MessageFlags.Checksummed));
                replies.Add((header.CorrelationId, number.Value));
                continue;
            }

            Assert.True(Environment.TickCount64 < deadline, $"Only {replies.Count} of {count} replies arrived.");
            await memory.Output.WaitToReadAsync();
        }

        return replies;
    }

    private static async Task ExitAsync(Process kernel)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        try
        {
            await kernel.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            kernel.Kill();
            throw;
        }

        Assert.True(kernel.ExitCode == 0, await kernel.StandardError.ReadToEndAsync());
    }

    private static unsafe void CorruptPayloadOfSlot(RingKernelMemory memory, int slot)
    {
        byte* slots = memory.Input.Ring.Buffer.HostPointer + RingHeader.Size + (memory.Input.Ring.Capacity * sizeof(ulong));
        slots[(slot * memory.Input.Ring.SlotSize) + MessageHeader.Size] ^= 0x40;
    }
}

using Akka.Actor;
using RingKernel.Cpu;
using RingKernel.Cpu.Kernels;
using RingKernel.Kernels;
using RingKernel.Kernels.Actors;

// A ring kernel that answers a number with three times it: launched once, it lives and takes its
// messages from a lock-free ring. Here it runs on the CPU backend; the actor does not care which.
var tripler = new KernelDefinition<object?>("tripler", new LaunchOptions(new Dim3(1), new Dim3(1)) { InputRingCapacity = 64, OutputRingCapacity = 64 })
    .WithCpuMessage(static (kernel, _) => kernel.Reply(new Number(kernel.Get<Number>().Value * 3)));
var options = new KernelActorOptions { Messages = new KernelMessageTypes().Add<Number>(1) };

// The kernel is an ordinary Akka.NET actor: its parent's supervisor strategy decides when it faults.
using ActorSystem system = ActorSystem.Create("quick-start", "akka.loglevel = WARNING");
IActorRef kernelActor = system.ActorOf(KernelActor.Props(new CpuBackend(), tripler, (object?)null, options), "tripler");

// Through the mailbox, as with any actor...
Number first = await kernelActor.Ask<Number>(new Number(7), TimeSpan.FromSeconds(5));

// ...or straight into the kernel's input ring: no mailbox hop, nothing allocated per message.
KernelRef<Number, Number> direct = await kernelActor.GetKernelRefAsync<Number, Number>();
Number second = await direct.Ask(new Number(8));

Console.WriteLine($"7 -> {first.Value}, 8 -> {second.Value}");

// Terminating the system ends the kernel and frees its rings.
await system.Terminate();

// The message: an unmanaged struct, so it fits a ring slot that a device can read.
internal readonly record struct Number(long Value);

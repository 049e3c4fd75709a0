using Akka.Actor;
using RingKernel.Cpu;
using RingKernel.Cpu.Kernels;
using RingKernel.Kernels;
using RingKernel.Kernels.Actors;

// A kernel actor on the CPU backend, from the packages alone: 100 asks through the direct ring path,
// every reply checked. Exit code 0 when all are right.
var tripler = new KernelDefinition<object?>("tripler", new LaunchOptions(new Dim3(1), new Dim3(1)) { InputRingCapacity = 64, OutputRingCapacity = 64 })
    .WithCpuMessage(static (kernel, _) => kernel.Reply(new Value(kernel.Get<Value>().Number * 3)));
var options = new KernelActorOptions { Messages = new KernelMessageTypes().Add<Value>(1) };

var backend = new CpuBackend();
using ActorSystem system = ActorSystem.Create("package-consumer", "akka.loglevel = WARNING");
IActorRef kernel = system.ActorOf(KernelActor.Props(backend, tripler, (object?)null, options), "tripler");
KernelRef<Value, Value> direct = await kernel.GetKernelRefAsync<Value, Value>();
for (long i = 1; i <= 100; i++)
{
    Value reply = await direct.Ask(new Value(i));
    if (reply.Number != 3 * i)
    {
        Console.Error.WriteLine($"package-consumer: asked {i}, got {reply.Number}");
        return 1;
    }
}

await system.Terminate();
Console.WriteLine("package-consumer: 100 asks answered by a kernel actor from the RingKernel packages");
return 0;

internal readonly record struct Value(long Number);

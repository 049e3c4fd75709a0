using RingKernel.Clocks;

var clock = new HybridLogicalClock(nodeId: 1);
Console.WriteLine($"RingKernel demo: HLC now {clock.Now()}");

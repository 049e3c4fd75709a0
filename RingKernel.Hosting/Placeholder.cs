namespace RingKernel.Hosting;

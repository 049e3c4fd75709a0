namespace RingKernel.TestKit;

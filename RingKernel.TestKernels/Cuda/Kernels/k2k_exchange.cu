// K2K in every direction: each block is a kernel of a periodic 3x3x3 neighbourhood (or any grid
// the host describes with routes) that sends messages_per_route messages along each of its routes
// and receives the same number from each of its inboxes, interleaving sends and receives so that
// full inboxes never deadlock. The host checks every received message.
#include "ringkernel_k2k.cuh"

struct rk_k2k_probe
{
    rk_u32 source;
    rk_u32 direction;
    rk_u32 sequence;
    rk_u32 value;
};

/// routes: routes_per_kernel entries per block (RouteEntry.Direction says which way each goes);
/// inboxes: routes_per_kernel inbox addresses per block, indexed by the direction of arrival;
/// received: per block, per direction, per sequence, the value received (the host pre-fills 0xFFFFFFFF).
extern "C" __global__ void k2k_exchange(RouteEntry* routes, const rk_u64* inboxes, rk_u32 routes_per_kernel,
                                        rk_u32 messages_per_route, rk_u32* received, rk_u32* errors)
{
    if (!rk_is_leader())
        return;
    rk_u32 self = blockIdx.x;
    RouteEntry* mine = routes + (rk_u64)self * routes_per_kernel;
    rk_u32 total = routes_per_kernel * messages_per_route;
    rk_u32 sent = 0, got = 0;
    rk_u32 delay = 32u;
    while (sent < total || got < total)
    {
        bool progress = false;
        for (rk_u32 r = 0; r < routes_per_kernel; r++)
        {
            RouteEntry* route = mine + r;
            rk_u32 sequence = (rk_u32)route->NextSequence;
            if (sequence >= messages_per_route)
                continue;
            rk_k2k_probe probe;
            probe.source = self;
            probe.direction = route->Direction;
            probe.sequence = sequence;
            probe.value = self * 1000000u + route->Direction * 1000u + sequence;
            if (rk_k2k_try_send(route, &probe, (rk_u32)sizeof(probe)))
            {
                sent++;
                progress = true;
            }
        }
        for (rk_u32 d = 0; d < routes_per_kernel; d++)
        {
            RingHeader* inbox = (RingHeader*)inboxes[(rk_u64)self * routes_per_kernel + d];
            const rk_u8* slot;
            while ((slot = rk_k2k_peek(inbox)) != (const rk_u8*)0)
            {
                rk_k2k_probe probe = *(const rk_k2k_probe*)slot;
                rk_k2k_release(inbox);
                got++;
                progress = true;
                if (probe.sequence >= messages_per_route || probe.direction >= routes_per_kernel)
                {
                    atomicAdd(errors, 1u);
                    continue;
                }
                rk_u32* cell = received + ((rk_u64)self * routes_per_kernel + probe.direction) * messages_per_route + probe.sequence;
                if (*cell != 0xFFFFFFFFu)
                    atomicAdd(errors, 1u); // delivered twice
                *cell = probe.value;
            }
        }
        delay = progress ? 32u : rk_backoff(delay, 1000u);
    }
}

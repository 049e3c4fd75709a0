// K2K in every direction: each block is a kernel of a K2KFabric (block i is kernel i, its endpoint
// endpoints[i]) that sends messages_per_route probes on each route it has and receives as many from
// each inbox it has, interleaving sends and receives so that full inboxes never deadlock. The host
// checks every received message.
#include "ringkernel_k2k.cuh"

struct rk_k2k_probe
{
    rk_u32 source;
    rk_u32 direction;
    rk_u32 sequence;
    rk_u32 value;
};

/// received: per block, per direction of travel, per sequence, the value received (the host pre-fills
/// 0xFFFFFFFF); errors counts messages out of sequence, rejected, malformed or delivered twice.
extern "C" __global__ void k2k_exchange(const rk_fabric_endpoint* endpoints, rk_u32 probe_type, rk_u32 messages_per_route,
                                        rk_u32* received, rk_u32* errors)
{
    if (!rk_is_leader())
        return;
    rk_u32 self = blockIdx.x;
    const rk_fabric_endpoint* endpoint = endpoints + self;
    // Messages still to send on each route and to receive from each inbox; none where there is no route.
    rk_u32 to_send[RK_K2K_ROUTES], to_receive[RK_K2K_ROUTES];
    for (rk_u32 r = 0; r < RK_K2K_ROUTES; r++)
    {
        to_send[r] = endpoint->routes[r].InboxAddress != 0ull ? messages_per_route : 0u;
        to_receive[r] = endpoint->inboxes[r] != 0ull ? messages_per_route : 0u;
    }
    bool done = false;
    rk_u32 delay = 32u;
    while (!done)
    {
        bool progress = false;
        done = true;
        for (rk_u32 r = 0; r < RK_K2K_ROUTES; r++)
        {
            if (to_send[r] == 0u)
                continue;
            rk_k2k_probe probe;
            probe.source = self;
            probe.direction = r;
            probe.sequence = messages_per_route - to_send[r];
            probe.value = self * 1000000u + r * 1000u + probe.sequence;
            rk_u64 sequence;
            rk_u32 peer;
            if (rk_fabric_send(endpoint, r, self, probe_type, &probe, (rk_u32)sizeof(probe), &sequence, &peer) == RK_K2K_OK)
            {
                to_send[r]--;
                progress = true;
            }
            done = done && to_send[r] == 0u;
        }
        for (rk_u32 d = 0; d < RK_K2K_ROUTES; d++)
        {
            const rk_u8* slot;
            rk_u32 status;
            while (to_receive[d] != 0u && (status = rk_fabric_peek(endpoint, d, &slot)) != RK_K2K_EMPTY)
            {
                to_receive[d]--;
                progress = true;
                if (status != RK_K2K_OK)
                    atomicAdd(errors, 1u);
                if (slot == (const rk_u8*)0)
                    continue;
                rk_k2k_probe probe = *(const rk_k2k_probe*)(slot + sizeof(MessageHeader));
                rk_fabric_commit(endpoint, d);
                if (probe.sequence >= messages_per_route || probe.direction >= RK_K2K_ROUTES)
                {
                    atomicAdd(errors, 1u);
                    continue;
                }
                rk_u32* cell = received + ((rk_u64)self * RK_K2K_ROUTES + probe.direction) * messages_per_route + probe.sequence;
                if (*cell != 0xFFFFFFFFu)
                    atomicAdd(errors, 1u); // delivered twice
                *cell = probe.value;
            }
            done = done && to_receive[d] == 0u;
        }
        delay = progress ? 32u : rk_backoff(delay, 1000u);
    }
}

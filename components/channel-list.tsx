/** A channel by name, with its slug (what API calls and keys use) beside it in mono (SPEC §6). */
export function ChannelChip({ channel }: { channel: { name: string; slug: string } }) {
  return (
    <span className="inline-flex max-w-full items-baseline gap-1.5 rounded-md bg-zinc-100 px-2 py-0.5 text-xs ring-1 ring-inset ring-zinc-500/20">
      <span className="truncate font-medium text-zinc-900">{channel.name}</span>
      <span className="truncate font-mono text-zinc-600">{channel.slug}</span>
    </span>
  );
}

/** A key's channels, each by name and slug. */
export function ChannelList({ channels }: { channels: { id: string; name: string; slug: string }[] }) {
  return (
    <span className="flex flex-wrap gap-1">
      {channels.map((c) => (
        <ChannelChip key={c.id} channel={c} />
      ))}
    </span>
  );
}

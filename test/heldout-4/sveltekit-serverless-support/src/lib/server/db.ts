export const db = {
  tickets: {
    async findForAgent(id: string, agentId: string) {
      return { id, agentId };
    },
  },
  replies: {
    async insert(row: { ticketId: string; agentId: string; html: string }) {
      return { id: crypto.randomUUID(), ...row };
    },
  },
};

import { useQuery } from "@tanstack/react-query";

const { VITE_KAMAN_API_URL: baseUrl, VITE_KAMAN_ADMIN_TOKEN: adminToken } = import.meta.env;

export function useOrders(status: string) {
  return useQuery({
    queryKey: ["orders", status],
    queryFn: async () => {
      const r = await fetch(`${baseUrl}/indexes/orders/search?filter=status:${status}`, {
        headers: { Authorization: `Bearer ${adminToken}` },
      });
      return r.json();
    },
  });
}

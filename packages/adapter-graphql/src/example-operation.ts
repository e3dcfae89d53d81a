/** What GraphiQL opens with: a query that works once a key is set in the Headers tab. */
export const EXAMPLE_OPERATION = `# Set your API key in the Headers tab below, e.g.
#   { "Authorization": "Bearer sk_test_alice" }
# then run this query. Mutations and subscriptions are in the Docs explorer.
query RecentOrders {
  orders(first: 5) {
    edges {
      node {
        id
        status
        amount
        currency
        version
        payments { id status }
      }
    }
    pageInfo { hasNextPage endCursor }
  }
}
`;

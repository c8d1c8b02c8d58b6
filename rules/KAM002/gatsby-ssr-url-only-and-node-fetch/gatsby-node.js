exports.sourceNodes = async ({ actions, createNodeId, createContentDigest }) => {
  const r = await fetch(`${process.env.KAMAN_API_URL}/v1/indexes/docs/documents`, {
    headers: { Authorization: `Bearer ${process.env.KAMAN_API_KEY}` },
  });
  for (const doc of await r.json()) {
    actions.createNode({ ...doc, id: createNodeId(doc.id), internal: { type: "KamanDoc", contentDigest: createContentDigest(doc) } });
  }
};

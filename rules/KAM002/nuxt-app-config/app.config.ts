export default defineAppConfig({ kaman: { key: "kam_8PN1h3dckqM7jUBuYkJr8ormJUDE8Vln" } });

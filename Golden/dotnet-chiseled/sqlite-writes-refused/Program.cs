using Microsoft.EntityFrameworkCore;

var builder = WebApplication.CreateBuilder(args);
builder.Services.AddDbContext<BlogContext>(o => o.UseSqlite(builder.Configuration.GetConnectionString("Blog")));
var app = builder.Build();
app.Run();

class BlogContext(DbContextOptions<BlogContext> options) : DbContext(options);
